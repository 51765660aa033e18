"""Small real files for the demo's wiki documents: plain text, Markdown and PDF made in code."""


def simple_pdf(title: str, lines: list[str]) -> bytes:
    """A valid one-page PDF with a heading and lines of text (Helvetica), built by hand."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream_lines = ["BT", "/F1 18 Tf", "72 770 Td", f"({escape(title)}) Tj", "/F1 11 Tf", "0 -28 Td"]
    for line in lines:
        stream_lines += [f"({escape(line)}) Tj", "0 -16 Td"]
    stream = "\n".join([*stream_lines, "ET"]).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


LISTENING_TXT = b"""One to one listening notes
==========================

Name (or first name only):
Where we met:
What do they care about most?
A story they told:
What makes them angry?
Who else should I listen to?
Would they come to a house meeting? yes / no / maybe
"""

POWER_MAP_MD = b"""# Power map worksheet

1. Write the change you want in the middle of the page.
2. Around it, write who **decides**.
3. Next ring: who **influences** the decision makers.
4. Mark with a star everyone someone in your group already knows.
5. Choose one person to approach first, and agree who will ask.
"""

ACTION_PLAN_MD = b"""# Action plan template

| Question | Our answer |
| --- | --- |
| What do we want? | |
| From whom? | |
| By when? | |
| What will we do? | |
| Who does what? | |
| How will we know it worked? | |
"""

DOCUMENTS = [
    ("One to one listening notes template", "one-to-one-notes.txt", ["listening", "templates"], LISTENING_TXT),
    ("Power map worksheet", "power-map-worksheet.md", ["power", "templates"], POWER_MAP_MD),
    ("Action plan template", "action-plan-template.md", ["action", "templates"], ACTION_PLAN_MD),
    (
        "Training pathway at a glance",
        "training-pathway.pdf",
        ["training"],
        simple_pdf(
            "Training pathway at a glance",
            [
                "1. Foundations residential (3 days)",
                "2. E-sessions E1 to E4, with listening and action in between",
                "3. Confirmation of plan at about 6 months (certificate)",
                "4. Go Deeper option for at least 6 months",
                "5. Graduation at about 12 months (diploma)",
                "Every year: Action Camp",
            ],
        ),
    ),
    (
        "Code of conduct (printable)",
        "code-of-conduct.pdf",
        ["ethics"],
        simple_pdf(
            "Code of conduct for organisers",
            [
                "We say who we are and who hosts us.",
                "We do not make promises for other people.",
                "We keep what people tell us private unless they agree otherwise.",
                "We step back so local people lead.",
            ],
        ),
    ),
]
