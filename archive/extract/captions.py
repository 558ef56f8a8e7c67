"""Photo captions: figcaptions, caption-named blocks by a photo, italic lines under an image."""
from __future__ import annotations

from archive.extract import boilerplate as bp
from archive.extract.nodes import Block, flat_text, words_of
from archive.extract.tree import Element, text_of
from archive.vietnamese.text import normalize


def is_caption(el: Element) -> bool:
    if el.tag == "figcaption" or el.tag == "caption":
        return True
    words = words_of(el)
    if words & bp.LEAD_WORDS:
        return False  # a sapo set in italics under the top photo is still the lead
    named = bool(words & bp.CAPTION_WORDS)
    if not named and el.tag not in ("p", "div", "td"):
        return False
    text = flat_text(el)
    if named and len(text) < 400:
        # "desc" also names descriptions (the sapo's "detail-desc"): a caption sits by a photo.
        return _after_image(el) or any(a.tag == "figure" for a in el.iterancestors())
    if not 0 < len(text) < 300:
        return False
    if el.tag == "td" and el.find(".//img") is None and _in_image_table(el):
        return True
    return _italic_only(el, text) and _after_image(el)


def _in_image_table(cell: Element) -> bool:
    """A small table that frames a photo: its other cells are the caption."""
    table = next(cell.iterancestors("table"), None)
    return table is not None and table.find(".//img") is not None and len(flat_text(table)) < 400


def _italic_only(el: Element, text: str) -> bool:
    italic = " ".join(" ".join(text_of(i).split()) for i in el.iter("em", "i"))
    return italic.replace(" ", "") == text.replace(" ", "")


def _after_image(el: Element) -> bool:
    """A photo's caption sits right under it: in the same block or the block before."""
    if el.find(".//img") is not None:
        return True
    node = el
    for _ in range(3):  # the photo may sit in the previous row of an image table
        previous = node.getprevious()
        if previous is not None:
            return previous.tag == "img" or previous.find(".//img") is not None
        node = node.getparent()
        if node is None:
            return False
    return False


def captions_before(tree: Element, title_el: Element | None,
                    body: Element | None) -> list[Block]:
    """Captions of photos printed between the headline and the body (a top photo)."""
    if title_el is None or body is None:
        return []
    found, started = [], False
    for el in tree.iter():
        if el is title_el:
            started = True
        elif el is body:
            break
        elif started and isinstance(el.tag, str) and is_caption(el):
            found.append(Block("caption", normalize(flat_text(el))))
    return found
