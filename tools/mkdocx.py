#!/usr/bin/env python3
"""mkdocx: write a minimal Word .docx from a Markdown file in our flavour.

A maintainer tool, not part of the build: the .docx fixtures it writes
(tests/fixtures/doc/*.docx, fuzz seeds) are committed, and the tests never
run Python. Re-run it after editing a fixture's .md source:

    python3 tools/mkdocx.py IN.md OUT.docx
    python3 tools/mkdocx.py IN.xml OUT.docx   (IN.xml is word/document.xml as is)

The second form packages a hand-written document.xml, for fixtures that
need Word features the Markdown flavour cannot express (w:br, merged
cells, tracked changes, fields, content controls, broken XML).

The flavour is what our action plans use: lines of text, '#' headings, and
GFM pipe tables whose cells may hold HTML paragraphs (<p>..</p>, <li>, <br>).
Every text line becomes one w:p (so a glossary of consecutive lines stays
one entry a line); '#'..'######' lines become w:p with style Heading1..6;
each table becomes a w:tbl whose first row is marked w:tblHeader and whose
cells hold one w:p per paragraph. Other tags are dropped and entities
decoded, as the C readers do. Only the standard library is used, and the
zip entries carry a fixed date so the output is byte-for-byte repeatable.
"""

import html
import re
import sys
import zipfile
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>
"""

PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>
"""

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>
"""


def styles_xml():
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
           '<w:styles xmlns:w="%s">' % W_NS,
           '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
           '<w:name w:val="Normal"/></w:style>']
    sizes = {1: 32, 2: 28, 3: 26, 4: 24, 5: 22, 6: 22}
    for level in range(1, 7):
        out.append('<w:style w:type="paragraph" w:styleId="Heading%d">'
                   '<w:name w:val="heading %d"/><w:basedOn w:val="Normal"/>'
                   '<w:next w:val="Normal"/><w:qFormat/>'
                   '<w:pPr><w:keepNext/><w:outlineLvl w:val="%d"/></w:pPr>'
                   '<w:rPr><w:b/><w:sz w:val="%d"/></w:rPr></w:style>'
                   % (level, level, level - 1, sizes[level]))
    out.append('</w:styles>')
    return "\n".join(out) + "\n"


# Tags that end one paragraph and start the next, as in the C readers.
BREAK_TAG = re.compile(r"<\s*/?\s*(?:p|li|ul|ol|div|br|h[1-6])\b[^>]*>", re.I)
ANY_TAG = re.compile(r"<[^>]*>")
DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


def paragraphs(text):
    """Split inline text with HTML into clean paragraphs."""
    out = []
    for piece in BREAK_TAG.split(text):
        clean = html.unescape(ANY_TAG.sub("", piece))
        clean = " ".join(clean.split())
        if clean:
            out.append(clean)
    return out


def split_row(line):
    """Cells of a GFM pipe table row (escaped \\| stays in the cell)."""
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    cells, cur, i = [], [], 0
    while i < len(line):
        if line[i] == "\\" and i + 1 < len(line) and line[i + 1] == "|":
            cur.append("|")
            i += 2
            continue
        if line[i] == "|":
            cells.append("".join(cur))
            cur = []
        else:
            cur.append(line[i])
        i += 1
    cells.append("".join(cur))
    return cells


def w_p(text, style=None):
    ppr = '<w:pPr><w:pStyle w:val="%s"/></w:pPr>' % style if style else ""
    if not text:
        return "<w:p>%s</w:p>" % ppr
    return '<w:p>%s<w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (
        ppr, escape(text))


def w_tbl(rows):
    ncols = max(len(r) for r in rows)
    width = 9000 // ncols
    out = ['<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>']
    out.append('<w:gridCol w:w="%d"/>' % width * ncols)
    out.append("</w:tblGrid>")
    for i, row in enumerate(rows):
        out.append("<w:tr>")
        if i == 0:
            out.append("<w:trPr><w:tblHeader/></w:trPr>")
        for cell in row + [""] * (ncols - len(row)):
            out.append('<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>' % width)
            paras = paragraphs(cell)
            out.append("".join(w_p(p) for p in paras) if paras else "<w:p/>")
            out.append("</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    # Word wants a paragraph between two tables and after the last one.
    out.append("<w:p/>")
    return "".join(out)


def body_xml(lines):
    out, i = [], 0
    while i < len(lines):
        line = lines[i].rstrip("\r\n")
        if not line.strip():
            i += 1
            continue
        if ("|" in line and i + 1 < len(lines)
                and DELIMITER.match(lines[i + 1].rstrip("\r\n"))):
            header = split_row(line)
            rows = [header]
            i += 2
            while i < len(lines) and lines[i].strip() and "|" in lines[i]:
                cells = split_row(lines[i].rstrip("\r\n"))
                rows.append((cells + [""] * len(header))[:len(header)])
                i += 1
            out.append(w_tbl(rows))
            continue
        m = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if m:
            for p in paragraphs(m.group(2)) or [""]:
                out.append(w_p(p, "Heading%d" % len(m.group(1))))
        else:
            for p in paragraphs(line):
                out.append(w_p(p))
        i += 1
    return "".join(out)


def document_xml(lines):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:document xmlns:w="%s" xmlns:r="%s"><w:body>%s'
            '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
            '</w:body></w:document>\n' % (W_NS, R_NS, body_xml(lines)))


def write_docx(document, path):
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELS),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/document.xml", document),
        ("word/styles.xml", styles_xml()),
    ]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, text.encode("utf-8"))


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: python3 tools/mkdocx.py IN.md|IN.xml OUT.docx\n")
        return 2
    with open(argv[1], encoding="utf-8-sig", newline="") as f:
        text = f.read()
    if argv[1].endswith(".xml"):
        write_docx(text, argv[2])
    else:
        write_docx(document_xml(text.replace("\r\n", "\n").split("\n")), argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
