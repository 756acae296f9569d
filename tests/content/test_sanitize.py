import pytest

from content.pipeline.sanitize import body_to_safe_html, html_to_text, sanitize_html


@pytest.mark.parametrize(
    "dirty",
    [
        "<p>好价<script>alert('x')</script></p>",
        '<img src="https://img.example.com/a.jpg" onerror="alert(1)">',
        '<a href="javascript:alert(1)">点我领券</a>',
        '<a href="JaVaScRiPt:alert(1)">点我</a>',
        '<p onclick="steal()" style="background:url(javascript:x)">文字</p>',
        '<iframe src="https://evil.example/"></iframe>',
        '<svg><script>alert(1)</script></svg>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        "<style>body{display:none}</style><p>正文</p>",
        '<form action="https://evil.example"><input name="pw"></form>',
    ],
)
def test_nothing_executable_survives_sanitising(dirty):
    clean = sanitize_html(dirty).lower()
    for forbidden in ("<script", "onerror", "onclick", "javascript:", "<iframe", "<style", "data:text", "<form", "<input",
                      "style="):
        assert forbidden not in clean


def test_safe_markup_is_kept_and_links_get_nofollow():
    clean = sanitize_html('<p><strong>实测</strong>续航<a href="https://jd.com/1">购买</a>'
                          '<img src="https://i.cn/a.jpg" alt="图"></p>')
    assert "<strong>实测</strong>" in clean
    assert 'href="https://jd.com/1"' in clean and "nofollow" in clean
    assert '<img src="https://i.cn/a.jpg" alt="图">' in clean


def test_plain_text_of_html_keeps_paragraphs_and_drops_scripts():
    text = html_to_text("<p>第一段 &amp; 价格</p><script>bad()</script><p>第二段<br>换行</p>")
    assert text == "第一段 & 价格\n第二段\n换行"


def test_a_plain_text_body_becomes_escaped_paragraphs():
    assert body_to_safe_html("第一行 a<b\n\n第二行") == "<p>第一行 a&lt;b</p><p>第二行</p>"
