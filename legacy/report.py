"""The import report: JSON for the file, German lines for the console."""

import json

from .importer import STATUS_LABELS


def write_json(report, path):
    with open(path, "w", encoding="utf-8") as file:
        json.dump(report.as_dict(), file, ensure_ascii=False, indent=2, default=str)
        file.write("\n")


def summary_line(report):
    counts = report.counts()
    parts = [f"{counts[status]} {label}" for status, label in STATUS_LABELS.items()]
    prefix = "Probelauf (nichts gespeichert): " if report.dry_run else "Import: "
    return prefix + ", ".join(parts) + "."


def file_lines(report):
    for result in report.files:
        line = f"{result.file}: {STATUS_LABELS[result.status]}"
        if result.reason:
            line += f" – {result.reason}"
        yield line
        for warning in result.warnings:
            yield f"  Hinweis: {warning}"
        for text in result.not_understood:
            yield f"  Nicht verstanden: {text}"
