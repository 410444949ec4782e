"""A malformed sources file is refused with the file, the source and the key named."""

import pytest

from crawler.sources import SourcesError, load_sources, parse_sources, select_sources

GOOD = """
[[source]]
name = "loker-ln"
kind = "telegram"
url = "https://t.me/s/lokerln"
max_pages = 10

[[source]]
name = "forum"
kind = "html"
url = "https://forum.example/"
item = "div.post"
text = ".body"
link = "a.permalink::attr(href)"
"""


def test_good_file_loads_with_limits_and_selectors(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(GOOD)
    telegram, forum = load_sources(path)
    assert (telegram.name, telegram.kind, telegram.max_pages, telegram.host) == \
        ("loker-ln", "telegram", 10, "t.me")
    assert forum.selectors == {"item": "div.post", "text": ".body",
                               "link": "a.permalink::attr(href)"}


@pytest.mark.parametrize("body, message", [
    ('[[source]]\nname = "a"\nkind = "telegram"\nurl = "https://t.me/s/a"\nmax_pages = "ten"\n',
     "sources.toml: source 'a': key 'max_pages' must be a non-negative whole number"),
    ('[[source]]\nname = "a"\nkind = "forum"\nurl = "https://x.test/"\n',
     "sources.toml: source 'a': key 'kind': unknown kind 'forum'"),
    ('[[source]]\nname = "a"\nkind = "feed"\nurl = "https://x.test/"\n'
     '[[source]]\nname = "a"\nkind = "feed"\nurl = "https://y.test/"\n',
     "sources.toml: source 'a': key 'name': duplicate source name"),
    ('[[source]]\nkind = "feed"\nurl = "https://x.test/"\n',
     "sources.toml: source #1: key 'name' is required"),
    ('[[source]]\nname = "a"\nkind = "feed"\nurl = "ftp://x.test/"\n',
     "sources.toml: source 'a': key 'url': 'ftp://x.test/' is not an http\\(s\\) URL"),
    ('[[source]]\nname = "a"\nkind = "html"\nurl = "https://x.test/"\nitem = "div"\n',
     "sources.toml: source 'a': key 'text' is required for kind 'html'"),
    ('[[source]]\nname = "a"\nkind = "html"\nurl = "https://x.test/"\nitem = "div[["\n'
     'text = "p"\n', "sources.toml: source 'a': key 'item': invalid CSS selector"),
    ('[[source]]\nname = "a"\nkind = "feed"\nurl = "https://x.test/"\nmax_page = 3\n',
     "sources.toml: source 'a': unknown key 'max_page'"),
    ('[[source]]\nname = "a b"\nkind = "feed"\nurl = "https://x.test/"\n',
     "sources.toml: source 'a b': key 'name': 'a b' may hold only letters, digits, dashes"),
    ('[[source]]\nname = "a"\nkind = "feed"\nurl = "https://x.test/\n',
     "sources.toml: not valid TOML: .*line 4"),
    ('[[source]]\nname = "a"\nkind = "feed"\nurl = "https://x.test/"\nrender = "yes"\n',
     "sources.toml: source 'a': key 'render' must be true or false, got 'yes'"),
    ('[[source]]\nname = "a"\nkind = "feed"\nurl = "https://x.test/"\nrender = true\n'
     'wait_for = 3\n', "sources.toml: source 'a': key 'wait_for' must be a non-empty CSS "
     "selector string"),
    ('[[source]]\nname = "a"\nkind = "feed"\nurl = "https://x.test/"\nrender = true\n'
     'wait_for = "div[["\n', "sources.toml: source 'a': key 'wait_for': invalid CSS selector"),
    ('[[source]]\nname = "a"\nkind = "feed"\nurl = "https://x.test/"\nwait_for = "div"\n',
     "sources.toml: source 'a': key 'wait_for': only for a source with render = true"),
    ("", "sources.toml: no \\[\\[source\\]\\] entries"),
])
def test_malformed_file_names_file_source_and_key(body, message):
    with pytest.raises(SourcesError, match=message):
        parse_sources(body, "sources.toml")


def test_a_source_that_renders_says_what_to_wait_for_and_keeps_it_in_its_config():
    [source] = parse_sources('[[source]]\nname = "a"\nkind = "html"\nurl = "https://x.test/"\n'
                             'item = "div.post"\ntext = "p"\nrender = true\n'
                             'wait_for = "div.post"\ntimeout = 12\n')
    assert (source.render, source.wait_for, source.timeout) == (True, "div.post", 12.0)
    assert source.as_dict()["render"] is True and source.as_dict()["wait_for"] == "div.post"
    plain = parse_sources(GOOD)[0]
    assert (plain.render, plain.wait_for) == (False, None) and "render" not in plain.as_dict()


def test_missing_file_is_named(tmp_path):
    with pytest.raises(SourcesError, match="nope.toml: sources file not found"):
        load_sources(tmp_path / "nope.toml")


def test_selecting_an_unknown_source_lists_the_known_ones():
    sources = parse_sources(GOOD)
    with pytest.raises(SourcesError, match="unknown source 'x'; known: loker-ln, forum"):
        select_sources(sources, ["x"])
    assert select_sources(sources, ["forum"]) == [sources[1]]
