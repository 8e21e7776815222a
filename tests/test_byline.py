"""The byline a reader sees: a name after a "By" label, where no markup says who wrote the page."""

from __future__ import annotations

import lxml.html

from quietpress.extract.byline import labelled_bylines
from quietpress.extract.metadata import extract_metadata


def page(body: str, head: str = "") -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><head><title>T</title>{head}</head><body>{body}</body></html>")


def test_label_and_name_in_one_line():
    root = page("<h1>The History of Coffee</h1><p><time>Mar 24, 2025</time></p><p>By Amy Wilhelm</p><p>Text.</p>")
    assert labelled_bylines(root) == ["Amy Wilhelm"]
    assert extract_metadata(root).authors == ("Amy Wilhelm",)


def test_label_alone_names_the_next_element():
    assert labelled_bylines(page('<h1>Mini engine</h1><p>by: <!-- -->Ziyi Xu<!-- -->, Dec 17, 2025</p>')) == ["Ziyi Xu"]
    assert labelled_bylines(page("<div><span>By</span><span>Daryl Austin</span></div>")) == ["Daryl Austin"]
    assert labelled_bylines(page("<div><strong>Contributors:</strong> Janet Loughrey</div>")) == ["Janet Loughrey"]
    assert labelled_bylines(page("<h3>Written by Cassidy Horton</h3><p>Cassidy is a writer.</p>")) == ["Cassidy Horton"]


def test_menus_and_sentences_introduce_no_one():
    menu = '<nav><a>By Modality</a></nav><ul class="main-menu"><li>By Use Case</li></ul><p>By Category</p>'
    assert labelled_bylines(page(menu)) == []
    assert labelled_bylines(page("<p>by the end of the year</p><p>Try it by printing it.</p>")) == []


def test_first_label_decides():
    """Later labels belong to comments and related posts: a first label naming no person ends the search."""
    body = "<p>Posted by</p><p>beauhd</p><p>on Friday</p><div class='comments'><p>by Jane Roe</p></div>"
    assert labelled_bylines(page(body)) == []


def test_marked_byline_comes_first():
    body = '<span class="byline">Ada Obi</span><p>By Jane Roe</p>'
    assert extract_metadata(page(body)).authors == ("Ada Obi",)


def test_page_nested_deeper_than_the_stack_is_searched():
    root = page("")
    element = root.find("body")
    for _ in range(5000):  # built, not parsed: the HTML parser stops nesting far sooner
        element = lxml.html.etree.SubElement(element, "div")
    lxml.html.etree.SubElement(element, "p").text = "By Ada Obi"
    assert labelled_bylines(root) == ["Ada Obi"]


def test_plural_label_introduces_each_name_listed_under_it():
    listed = ('<h6>Author(s)</h6><ul><li><a href="/l?a=1">Ilse Varga</a></li><li><a href="/l?a=2">Tomas K. Brandt</a>'
              '</li><li><a href="/l?a=3">Ada Obi</a></li></ul><p>Download</p><p>Orchards need pruning.</p>')
    assert labelled_bylines(page(listed)) == ["Ilse Varga, Tomas K. Brandt, Ada Obi"]


def test_singular_label_introduces_one_name_and_a_list_ends_at_a_single_word():
    assert labelled_bylines(page("<p>Author:</p><p>Ilse Varga</p><p>Tomas Brandt</p>")) == ["Ilse Varga"]
    assert labelled_bylines(page("<p>Authors</p><p>Ilse Varga</p><p>Share</p><p>Tomas Brandt</p>")) == ["Ilse Varga"]


def test_marked_byline_is_read_as_the_page_writes_it():
    """The byline's own text is split by our rules: a title holding "and" is no second author, a name
    set in lower case is a name."""
    titled = '<h1>Locks</h1><div class="author">Paul Frew, Home and Digital Security Expert</div><p>Text.</p>'
    assert extract_metadata(page(titled)).authors == ("Paul Frew",)
    assert extract_metadata(page('<h1>Hens</h1><span class="author">annette thurmon</span>')).authors == ("Annette Thurmon",)


def test_link_to_all_of_an_authors_posts_names_the_author():
    for text in ("View all posts by Jane Doe", "All articles by Jane Doe", "More from Jane Doe"):
        body = f'<h1>Tides</h1><p>Text.</p><a href="/author/jane-doe/">{text}</a>'
        assert extract_metadata(page(body)).authors == ("Jane Doe",), text


def test_blog_authors_and_writers_folders_are_author_pages():
    for href in ("/blog-authors/matteo-laratta/", "/writers/matteo-laratta", "/contributors/matteo-laratta"):
        body = f'<h1>Tides</h1><p>Text.</p><p><a href="{href}">Matteo Laratta</a></p>'
        assert extract_metadata(page(body)).authors == ("Matteo Laratta",), href


def test_citation_author_tags_give_each_author_given_name_first():
    head = '<meta name="citation_author" content="Curie, Marie"><meta name="citation_author" content="Pierre Curie">'
    assert extract_metadata(page("<p>Text.</p>", head)).authors == ("Marie Curie", "Pierre Curie")


def test_meta_author_tags_of_other_publishing_systems_are_read():
    for name in ("parsely-author", "sailthru.author", "dc.creator"):
        head = f'<meta name="{name}" content="Ilse Varga">'
        assert extract_metadata(page("<p>Text.</p>", head)).authors == ("Ilse Varga",), name
    head = '<meta property="article:author" content="https://example.com/ilse"><meta name="author" content="Ilse Varga">'
    assert extract_metadata(page("<p>Text.</p>", head)).authors == ("Ilse Varga",)  # a profile URL is no name


def test_topic_beside_the_date_in_a_byline_is_not_an_author():
    body = ('<h1>Taxes</h1><p class="byline">Lifestyle March 12, 2025</p><p>Text.</p>'
            '<a href="/blog/tag/lifestyle">Lifestyle</a>')
    assert extract_metadata(page(body)).authors == ()
    named = '<h1>Taxes</h1><p class="byline">Isabel March 12, 2025</p><a href="/blog/tag/lifestyle">Lifestyle</a>'
    assert extract_metadata(page(named)).authors == ("Isabel",)


def test_data_layer_names_the_author_when_nothing_else_does():
    layer = '<script>var dataLayer = [{"pagePostType":"post","pagePostAuthor":"Krystyna"}];</script>'
    assert extract_metadata(page("<h1>Pierogi</h1><p>Text.</p>" + layer)).authors == ("Krystyna",)
    assert extract_metadata(page("<h1>Pierogi</h1><p>By Ada Obi</p>" + layer)).authors == ("Ada Obi",)


def test_byline_words_of_other_languages_need_a_full_name():
    from quietpress.extract.byline import labelled_bylines
    import lxml.html
    spanish = lxml.html.document_fromstring('<html><body><div>Por Javier Ortega<br>Publicado el 12/03/2008</div></body></html>')
    phrase = lxml.html.document_fromstring('<html><body><p>Por favor</p><p>Par Exemple</p></body></html>')
    assert labelled_bylines(spanish) == ["Javier Ortega"]
    assert labelled_bylines(phrase) == []


def test_a_bar_parts_the_date_from_the_byline():
    from quietpress.extract.byline import labelled_bylines
    import lxml.html
    root = lxml.html.document_fromstring('<html><body><p>Mittwoch, 23. April 2008 | Von Klaus Berger</p></body></html>')
    assert labelled_bylines(root) == ["Klaus Berger"]


def test_longer_labels_name_the_writer():
    box = ('<h2>Article written by:</h2><div><img alt="" src="a.webp"><h3>Ilse Varga, MD, FOMA, DABOM</h3></div>'
           '<h2>Article reviewed by:</h2><h3>Nils Berg, MD</h3>')
    assert extract_metadata(page(box)).authors == ("Ilse Varga",)
    assert labelled_bylines(page("<p>This story was reported by Tomas Brandt</p>")) == ["Tomas Brandt"]


def test_by_after_a_title_in_italics_credits_the_work_not_the_page():
    caption = ('<div class="float"><a href="book.html"><i>Wakoku Chiyekurabe</i></a> by Kan Chu Sen, 1721.</div>'
               '<p>Reviewed: <em>The Overstory</em> by Richard Powers</p>')
    assert labelled_bylines(page(caption)) == []
    # An icon font's empty <i> before the label is no title.
    assert labelled_bylines(page('<p><i class="fa fa-user"></i> By Jane Roe</p>')) == ["Jane Roe"]


def test_a_wire_storys_credit_line_names_its_reporters_not_its_editors():
    text = "<p>The board met on Tuesday and talked about the ferry terminal for hours.</p>"
    root = page(f"<h1>Ferry terminal plans</h1>{text * 3}<p>Reporting by Jane Doe and John Roe; "
                "Writing by Max Roe; Editing by Ann Lee</p>")
    assert labelled_bylines(root) == ["Jane Doe and John Roe"]
    assert extract_metadata(root).authors == ("Jane Doe", "John Roe")
    root = page(f"<h1>Ferry terminal plans</h1>{text}<p>Reporting by Jane Doe in London; Editing by Ann Lee</p>")
    assert extract_metadata(root).authors == ("Jane Doe",)


def test_a_handle_or_the_outlet_written_for_is_no_part_of_the_name():
    for line in ("By Jane Doe @janedoe", "By Jane Doe for MailOnline", "By Jane Doe For Daily Mail Australia",
                 "By Jane Doe for Reuters"):
        assert extract_metadata(page(f"<h1>Ferry terminal plans</h1><p>{line}</p><p>Text.</p>")).authors == ("Jane Doe",), line
    reuters = extract_metadata(page("<h1>Ferry terminal plans</h1><p>By Jane Doe for Reuters</p><p>Text.</p>"))
    assert reuters.agency == "Reuters"
    # "for" and a body's purpose: no writer, and no "Texas Coalition" either.
    assert extract_metadata(page("<h1>Ferry terminal plans</h1><p>By Texas Coalition for Human Services</p>")).authors == ()


def test_by_before_names_one_per_link_credits_each_of_them():
    # The metadata declares the first writer only; the byline under the headline credits both.
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Moon landers", "author": {"@type": "Person", "name": "Tariq Malik"}}</script>'
    body = ('<h1>Moon landers</h1><p class="byline">By <span><a href="/author/tariq-malik">Tariq Malik</a>, </span>'
            '<span><a href="/author/mike-wall">Mike Wall</a></span> <time datetime="2019-11-18">Nov 18</time></p>'
            "<p>" + "Five companies join the programme. " * 20 + "</p>")
    assert extract_metadata(page(body, head)).authors == ("Tariq Malik", "Mike Wall")
    # A singular label before one name and no separator credits that name only.
    assert labelled_bylines(page("<p>By</p><p>Ilse Varga</p><p>Tomas Brandt</p>")) == ["Ilse Varga"]


def test_the_publications_name_after_a_writer_is_her_affiliation():
    head = '<meta property="og:site_name" content="Modern Farmer">'
    body = ("<h1>Gardening shows to watch</h1><p>By Emily Baron Cadloff, Modern Farmer</p>"
            "<p>" + "Six shows for the winter. " * 20 + "</p>")
    assert extract_metadata(page(body, head)).authors == ("Emily Baron Cadloff",)


def test_a_page_crediting_its_desk_takes_no_name_from_other_stories_bylines():
    head = '<meta name="author" content="HNN Staff">'
    body = ("<h1>Water vapour on a distant moon</h1><p>By HNN Staff | November 18, 2019</p>"
            "<p>" + "Astronomers used a telescope on Maunakea. " * 20 + "</p>"
            "<div class='related'><h3>Council weighs fees</h3><span class='byline'>By </span><h3 class='byline'>Lisa Kubota</h3></div>")
    assert extract_metadata(page(body, head)).authors == ()


def test_a_korean_storys_sign_off_names_its_writer():
    story = "<h1>막장극의 대결</h1><p>" + "주말 밤 9시 두 방송사는 막장극으로 맞붙는다. " * 10 + "</p>"
    after_role = page(story + '<p>칼럼니스트 박생강 <a href="mailto:pg@example.kr">pg@example.kr</a></p>')
    assert extract_metadata(after_role).authors == ("박생강",)
    before_role = page(story + "<p>정덕현 칼럼니스트<br>홍길동 기자 hong@example.kr</p>")
    assert extract_metadata(before_role).authors == ("홍길동",)
    # A reporter named in a teaser or in the text, with no address beside the name, signs nothing.
    assert extract_metadata(page(story + "<ul><li><a href='/2'>홍길동 기자</a></li></ul>")).authors == ()
