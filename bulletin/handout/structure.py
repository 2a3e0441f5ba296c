"""The structure tree and PDF/UA metadata, written into ReportLab's document before it is saved.

Why here and not afterwards with pikepdf: parsing the finished file again, building the tree as
pikepdf objects and serialising everything a second time was a large share of the handout's build.
ReportLab numbers every object when it is registered, so the tree is written as preformatted
PDF text that refers to pages and link annotations by those numbers. Risk: relies on ReportLab's
document internals (``Pages.pages``, ``idToObject``, ``idToObjectNumberAndVersion``, ``info``),
all present since ReportLab 3.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc

from .tagging import MCR, Annot, Node, Tracker


@dataclass(frozen=True)
class DocMeta:
    """What the document says about itself."""

    title: str
    language: str
    author: str
    subject: str
    date: _dt.datetime
    """Creation and modification date: fixed, so rebuilds are byte-identical."""


class _Raw(pdfdoc.PDFObject):
    """An object whose PDF text is already written (ASCII), filled in once its number is known."""

    def __init__(self, text: str = ""):
        self.text = text

    def format(self, document):
        return self.text.encode("ascii")


class TaggedPage(pdfdoc.PDFPage):
    """A page that carries its ParentTree key and, when it has links, the tab order."""

    __NoDefault__ = pdfdoc.PDFPage.__NoDefault__ + ["StructParents", "Tabs"]


class _Info(pdfdoc.PDFObject):
    """The document information dictionary, matching the XMP packet entry for entry.

    Why not ReportLab's: it writes its own dates, an empty /Keywords and /Trapped, which have no
    XMP twin, and an /Author even when there is none.
    """

    def __init__(self, meta: DocMeta, creator: str, producer: str):
        self.meta, self.creator, self.producer = meta, creator, producer

    def digest(self, md5) -> None:
        m = self.meta
        for x in (m.title, m.author, m.subject):
            md5.update(x.encode("utf-8"))

    def format(self, document):
        m = self.meta
        stamp = m.date.strftime("D:%Y%m%d%H%M%S+00'00")
        entries = {"Title": m.title, "Author": m.author, "Subject": m.subject, "Creator": self.creator,
                   "Producer": self.producer, "CreationDate": stamp, "ModDate": stamp}
        return ("<< " + " ".join(f"/{k} {text(v)}" for k, v in entries.items() if v) + " >>").encode("ascii")


def text(s: str) -> str:
    """A PDF text string: literal when plain ASCII, else UTF-16BE with its byte order mark."""
    if s.isascii() and s.isprintable() and not any(c in s for c in "()\\"):
        return f"({s})"
    return "<FEFF" + s.encode("utf-16-be").hex().upper() + ">"


def write(document, tracker: Tracker, meta: DocMeta) -> None:
    """Add the structure tree, ParentTree and PDF/UA metadata to ``document`` (a PDFDocument)."""
    numbers = document.idToObjectNumberAndVersion

    def ref(obj) -> str:
        return "%d %d R" % numbers[document.Reference(obj).name]

    pages = document.Pages.pages
    page_refs = [ref(p) for p in pages]
    annots = [[document.idToObject[a.name] for a in (p.Annots or [])] for p in pages]
    parents: dict[int, list[str]] = {p: ["null"] * len(o) for p, o in tracker.owners.items()}
    annot_parents: list[tuple[int, str]] = []
    next_key = len(pages)

    def uri(a: Annot) -> str:
        action = annots[a.page][a.index].dict.get("A")
        target = action.dict.get("URI") if action is not None else None
        return target.s if target is not None else ""

    def objr(a: Annot, link: str) -> str:
        nonlocal next_key
        annot = annots[a.page][a.index]
        annot["StructParent"] = next_key
        annot["Contents"] = pdfdoc.PDFString(f"Link to {uri(a)}")
        annot["F"] = 4
        pages[a.page].Tabs = "/S"
        annot_parents.append((next_key, link))
        next_key += 1
        return f"<< /Type /OBJR /Obj {ref(pages[a.page].Annots[a.index])} /Pg {page_refs[a.page]} >>"

    def element(node: Node, parent: str, claimable: list[Annot]) -> str:
        obj = _Raw()
        me = ref(obj)
        kids = []
        own = [a for a in node.kids if isinstance(a, Annot)] + node.annots
        for kid in node.kids:
            if isinstance(kid, MCR):
                kids.append(f"<< /Type /MCR /Pg {page_refs[kid.page]} /MCID {kid.mcid} >>")
                parents[kid.page][kid.mcid] = me
            elif isinstance(kid, Node):
                kids.append(element(kid, me, own))
        if node.role == "Link":
            for a in [a for a in claimable if uri(a) == node.href]:
                claimable.remove(a)
                kids.append(objr(a, me))
        else:
            for a in own:  # annotations no Link element claimed: each gets one, named by address
                link = _Raw()
                link_ref = ref(link)
                link.text = (f"<< /Type /StructElem /S /Link /P {me} /Alt {text(f'Link to {uri(a)}')} "
                             f"/K [ {objr(a, link_ref)} ] >>")
                kids.append(link_ref)
        extra = ""
        if node.alt is not None:
            extra += f" /Alt {text(node.alt)}"
        if node.lang:
            extra += f" /Lang {text(node.lang)}"
        if node.bbox is not None:
            box = " ".join(fp_str(round(v, 2)) for v in node.bbox)
            extra += f" /A << /O /Layout /BBox [ {box} ] >>"
        obj.text = f"<< /Type /StructElem /S /{node.role} /P {parent} /K [ {' '.join(kids)} ]{extra} >>"
        return me

    tree_root = _Raw()
    root_ref = ref(tree_root)
    doc_ref = element(tracker.root, root_ref, [])
    nums = []
    for i, page in enumerate(pages):
        page.__class__ = TaggedPage
        page.StructParents = i
        # In invariant mode ReportLab's file ID hashes only the title, author and subject.
        document.updateSignature(page.stream)
        nums.append(f"{i} {ref(_Raw('[ ' + ' '.join(parents.get(i, [])) + ' ]'))}")
    nums += [f"{key} {elem}" for key, elem in annot_parents]
    parent_tree = ref(_Raw(f"<< /Nums [ {' '.join(nums)} ] >>"))
    tree_root.text = (f"<< /Type /StructTreeRoot /K [ {doc_ref} ] /ParentTree {parent_tree} "
                      f"/ParentTreeNextKey {next_key} >>")
    cat = document.Catalog
    cat.StructTreeRoot = pdfdoc.PDFObjectReference(document.Reference(tree_root).name)
    cat.MarkInfo = _Raw("<< /Marked true >>")
    cat.Lang = pdfdoc.PDFString(meta.language)
    cat.ViewerPreferences = _Raw("<< /DisplayDocTitle true >>")
    info = document.info
    document.info = _Info(meta, info.creator, info.producer)
    cat.Metadata = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Metadata"),
                                                          "Subtype": pdfdoc.PDFName("XML")}),
                                    xmp(meta, info.creator, info.producer))


def xmp(meta: DocMeta, creator: str, producer: str) -> bytes:
    """The XMP packet PDF/UA asks for: the info dictionary's entries, the language and pdfuaid."""
    iso = meta.date.strftime("%Y-%m-%dT%H:%M:%SZ")

    def alt(s: str) -> str:
        return f'<rdf:Alt><rdf:li xml:lang="x-default">{escape(s)}</rdf:li></rdf:Alt>'

    props = [f"<dc:title>{alt(meta.title)}</dc:title>"]
    if meta.author:
        props.append(f"<dc:creator><rdf:Seq><rdf:li>{escape(meta.author)}</rdf:li></rdf:Seq></dc:creator>")
    if meta.subject:
        props.append(f"<dc:description>{alt(meta.subject)}</dc:description>")
    props += [f"<dc:language><rdf:Bag><rdf:li>{escape(meta.language)}</rdf:li></rdf:Bag></dc:language>",
              f"<pdf:Producer>{escape(producer)}</pdf:Producer>",
              f"<xmp:CreatorTool>{escape(creator)}</xmp:CreatorTool>",
              f"<xmp:CreateDate>{iso}</xmp:CreateDate>", f"<xmp:ModifyDate>{iso}</xmp:ModifyDate>",
              "<pdfuaid:part>1</pdfuaid:part>"]
    return "\n".join([
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
        '  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
        *("   " + p for p in props),
        "  </rdf:Description>", " </rdf:RDF>", "</x:xmpmeta>", '<?xpacket end="w"?>', ""]).encode("utf-8")
