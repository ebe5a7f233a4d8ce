"""The demo's placeholder video frame (legal/demo_video.py; the WebM itself is committed,
encoding it needs ffmpeg): the page's size, the site's blue, white text on it."""

from legal.demo_video import BACKGROUND, HEIGHT, TEXT, WIDTH, frame


def test_the_placeholder_frame_is_white_text_on_the_sites_blue():
    image = frame()
    assert image.size == (WIDTH, HEIGHT)
    colours = {colour for _count, colour in image.getcolors(maxcolors=WIDTH * HEIGHT)}
    assert BACKGROUND in colours and TEXT in colours
    assert image.getpixel((5, 5)) == BACKGROUND
