"""The Gebärdensprache page of the demo in Chromium: the video loads through the
documents serve view (Range, 206), Chromium reads its running time, the German
captions load, it works with the keyboard and at 320 px, and axe finds nothing."""

from urllib.parse import urlsplit

from .checks import axe_violations, horizontal_overflow

VIDEO = "main video"
METADATA_LOADED_JS = """() => {
    const video = document.querySelector('main video');
    return video && video.readyState >= 1 && video.duration > 0;
}"""
CAPTIONS_JS = """async () => {
    const video = document.querySelector('main video');
    const track = video.textTracks[0];
    track.mode = 'showing';
    for (let i = 0; i < 100 && !(track.cues && track.cues.length); i++) {
        await new Promise(resolve => setTimeout(resolve, 100));
    }
    return {
        kind: track.kind, language: track.language, label: track.label,
        cues: Array.from(track.cues || []).map(cue => cue.text),
    };
}"""
SEEK_JS = """async (time) => {
    const video = document.querySelector('main video');
    const seeked = new Promise(resolve => video.addEventListener('seeked', resolve, {once: true}));
    video.currentTime = time;
    await seeked;
    return {time: video.currentTime, error: video.error && video.error.message};
}"""


def open_sign_language_page(page):
    page.goto("/")
    page.locator("header").get_by_role("link", name="Gebärdensprache", exact=True).click()
    page.wait_for_function(METADATA_LOADED_JS, timeout=30_000)


def test_demo_video_plays_with_captions(page, live_site):
    responses = []
    page.on("response", lambda response: responses.append(response))
    open_sign_language_page(page)

    video = page.locator(VIDEO)
    assert video.get_attribute("controls") is not None
    assert video.get_attribute("autoplay") is None
    assert video.get_attribute("aria-label").startswith("Video: ")
    assert page.get_by_role("link", name="Video herunterladen").count() == 1
    assert "AVI" not in page.locator("main").inner_text()

    duration = video.evaluate("v => v.duration")
    assert 3.9 < duration < 4.1, duration
    assert video.evaluate("v => v.error") is None

    media = [
        r
        for r in responses
        if urlsplit(r.url).path == video.evaluate("v => new URL(v.currentSrc).pathname")
    ]
    assert media, "Chromium hat das Video nicht geladen"
    assert {r.status for r in media} == {206}
    assert {r.headers["content-type"] for r in media} == {"video/webm"}

    captions = page.evaluate(CAPTIONS_JS)
    assert (captions["kind"], captions["language"], captions["label"]) == (
        "captions",
        "de",
        "Deutsch",
    )
    assert captions["cues"] and captions["cues"][0].startswith("Platzhalter:")

    seek = page.evaluate(SEEK_JS, 3)
    assert seek == {"time": 3, "error": None}
    assert {urlsplit(r.url).netloc for r in responses} == {live_site.host}


def test_video_is_reached_and_started_with_the_keyboard(page):
    open_sign_language_page(page)
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "VIDEO":
            break
    else:
        raise AssertionError("Das Video ist mit der Tabulatortaste nicht erreichbar.")
    outline = page.evaluate("parseFloat(getComputedStyle(document.activeElement).outlineWidth)")
    assert outline >= 2
    page.keyboard.press("Space")
    page.wait_for_function(
        "() => !document.querySelector('main video').paused"
        " && document.querySelector('main video').currentTime > 0",
        timeout=15_000,
    )


def test_sign_language_page_is_axe_clean_and_reflows(new_context):
    page = new_context(width=320, height=640).new_page()
    page.goto("/")
    page.locator("header").get_by_role("link", name="Gebärdensprache", exact=True).click()
    page.wait_for_function(METADATA_LOADED_JS, timeout=30_000)
    assert horizontal_overflow(page, 320) == []
    assert page.locator(VIDEO).bounding_box()["width"] <= 320
    page.set_viewport_size({"width": 1280, "height": 900})
    assert axe_violations(page) == []
