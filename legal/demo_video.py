"""Makes the demo's sign-language placeholder once: a still frame drawn with Pillow
(poster image) and a silent VP9 WebM of it encoded with Debian's ffmpeg. Both are
committed in ``legal/demo_media/`` with the hand-written WebVTT captions; the site and
the demo command never run this module or ffmpeg::

    apt-get install -y ffmpeg fonts-dejavu-core
    .venv/bin/python -m legal.demo_video
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 640, 360
SECONDS = 4
MEDIA_DIR = Path(__file__).parent / "demo_media"
VIDEO_PATH = MEDIA_DIR / "gebaerdensprache-platzhalter.webm"
CAPTIONS_PATH = MEDIA_DIR / "gebaerdensprache-platzhalter.vtt"
POSTER_PATH = MEDIA_DIR / "gebaerdensprache-platzhalter.png"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # Debian: fonts-dejavu-core
LINES = ("Platzhalter:", "Hier steht das Video in", "Deutscher Gebärdensprache")
BACKGROUND = (11, 79, 108)
TEXT = (255, 255, 255)


def frame():
    """White text on the site's blue."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 34)
    line_height = 52
    top = (HEIGHT - line_height * len(LINES)) // 2
    for number, line in enumerate(LINES):
        left = (WIDTH - draw.textlength(line, font=font)) // 2
        draw.text((left, top + number * line_height), line, font=font, fill=TEXT)
    draw.rectangle((40, HEIGHT - 40, WIDTH - 40, HEIGHT - 32), fill=(255, 191, 71))
    return image


def encode(target=VIDEO_PATH, poster=POSTER_PATH):
    """Encode the frame as a silent VP9 WebM of ``SECONDS`` seconds with ffmpeg."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        sys.exit("ffmpeg fehlt: apt-get install -y ffmpeg")
    with tempfile.TemporaryDirectory() as folder:
        still = Path(folder) / "frame.png"
        image = frame()
        image.save(still)
        image.quantize(16).save(poster, optimize=True)
        subprocess.run(
            [
                ffmpeg, "-y", "-loglevel", "error",
                "-loop", "1", "-framerate", "5", "-i", str(still),
                "-t", str(SECONDS), "-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "40",
                "-pix_fmt", "yuv420p", "-an", "-metadata", "title=Platzhalter DGS-Video",
                str(target),
            ],
            check=True,
        )  # fmt: skip
    return target


if __name__ == "__main__":
    for path in encode(), POSTER_PATH:
        print(f"{path}: {path.stat().st_size} Bytes")
