"""The one diff helper of the hub: words for prose (wiki pages), lines for short texts (Q&A posts)."""

from hub import diff


def test_words_keep_whitespace_and_order():
    segments = diff.words("one two three", "one 2 three four")
    assert [(s.op, s.text) for s in segments] == [
        ("equal", "one "),
        ("delete", "two"),
        ("insert", "2"),
        ("equal", " three"),
        ("insert", " four"),
    ]


def test_lines_show_changes_with_context_and_a_gap_where_lines_were_skipped():
    old = "\n".join(f"line {n}" for n in range(1, 13))
    new = old.replace("line 2\n", "line two\n").replace("line 11", "line eleven")
    result = [(line.op, line.marker + line.text) for line in diff.lines(old, new, context=1)]
    assert result == [
        ("context", " line 1"),
        ("removed", "-line 2"),
        ("added", "+line two"),
        ("context", " line 3"),
        ("gap", ""),
        ("context", " line 10"),
        ("removed", "-line 11"),
        ("added", "+line eleven"),
        ("context", " line 12"),
    ]


def test_lines_of_the_same_text_are_empty_and_of_a_first_version_all_added():
    assert diff.lines("same\ntext", "same\ntext") == []
    assert [(line.op, line.text) for line in diff.lines("", "Title: New\nBody")] == [
        ("added", "Title: New"),
        ("added", "Body"),
    ]
