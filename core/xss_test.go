package core

import (
	"fmt"
	"html"
	"strings"
	"testing"
)

// XSS vectors of our own, each put inside a real article so that it
// survives extraction. Every output field is checked with the safe-output
// checker (safehtml_test.go); text that looks like markup must come out as
// the same visible text.

// xssPage builds a news page whose article holds vector between its
// second and third paragraphs; head goes into <head>, title is the raw
// <title> markup and byline the raw byline markup.
func xssPage(title, head, byline, vector string) []byte {
	if title == "" {
		title = "Harbour Town Opens Its Restored Lighthouse to Visitors"
	}
	if byline == "" {
		byline = "By Margaret Ellison"
	}
	return []byte(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>` + title + `</title>` + head + `</head>
<body>
<nav class="menu"><a href="/">Home</a> <a href="/news/">News</a> <a href="/sport/">Sport</a> <a href="/about/">About us</a></nav>
<div id="content"><article class="post">
<h1>Harbour Town Opens Its Restored Lighthouse to Visitors</h1>
<p class="byline">` + byline + `</p>
<p>After four years of scaffolding, fundraising and careful masonry, the old lighthouse at the end of the north pier opened its doors to the public on Saturday morning, and by noon the queue of visitors reached back past the fish market and the lifeboat station.</p>
<p>The tower, built in 1868 from local granite, had been closed since a winter storm cracked its lantern room. Volunteers raised most of the money themselves, selling calendars, running a summer fair and writing, as one of them put it, more grant applications than anyone should ever have to read.</p>
` + vector + `
<p>Inside, the spiral staircase of one hundred and twelve steps has been repaired with iron cast in the same foundry that made the original treads. A small exhibition on the ground floor tells the story of the keepers who lived here, their logbooks, and the wrecks they could not prevent.</p>
<p>The council expects twenty thousand visitors in the first year. Tickets cost four pounds for adults, children go free, and the tower will open every day except Tuesdays until the end of October, weather permitting, when the winter timetable begins.</p>
<p>"It was never just a building," said the chair of the trust, standing at the top of the stairs with the whole bay below her. "It is the thing you see from the boat when you are coming home."</p>
</article></div>
<footer><p>Copyright 2024 Harbour Gazette. All rights reserved.</p> <a href="/privacy">Privacy</a></footer>
</body></html>`)
}

type xssCase struct {
	name   string
	title  string // raw <title> content
	head   string // extra <head> markup
	byline string // raw byline paragraph content
	vector string // body markup between the paragraphs
	// keep is text that must appear in the visible text of the HTML
	// output, proving that the vector stayed text rather than markup (or
	// that the safe part of it survived).
	keep []string
	// bug marks a case that shows a known bug: it is skipped while the
	// bug shows. bugNoURL is the same for the run without a page URL.
	bug, bugNoURL string
}

// Known bugs shown by the cases below.
var xssCases = []xssCase{
	// Script and event handlers.
	{name: "script tag", vector: `<p>Before the script <script>alert(1)</script> and after it, the text goes on about the pier.</p>`, keep: []string{"Before the script and after it"}},
	{name: "script standalone", vector: `<script>document.write('<img src=x onerror=alert(1)>')</script>`},
	{name: "script src", vector: `<script src="https://evil.test/x.js"></script><p>A paragraph about harbour boats after an external script tag.</p>`},
	{name: "img onerror", vector: `<p>A photograph of the tower: <img src="x" onerror="alert(1)"> taken from the beach at dawn.</p>`},
	{name: "img onerror unquoted", vector: `<p>Another photograph <img src=x onerror=alert(1)//> from the pier end at sunset.</p>`},
	{name: "body onload", vector: `<body onload="alert(1)"><p>Text after a second body tag that carries an onload handler.</p>`},
	{name: "onmouseover paragraph", vector: `<p onmouseover="alert(1)" onclick="alert(2)">Hover over this paragraph about the keepers and nothing may happen at all.</p>`, keep: []string{"Hover over this paragraph"}},
	{name: "onmouseover link", vector: `<p>Read the <a href="https://harbour.test/history" onmouseover="alert(1)">full history of the tower</a> on the trust's site.</p>`, keep: []string{"full history of the tower"}},
	{name: "style attribute", vector: `<p style="background:url(javascript:alert(1))">A paragraph with a style attribute that loads a script address.</p>`},
	{name: "style element", vector: `<style>body{background:url("javascript:alert(1)")}</style><p>A paragraph after an inline style element in the article.</p>`},

	// javascript: in its encoded and split forms.
	{name: "javascript plain", vector: `<p>See <a href="javascript:alert(1)">the keepers' logbook</a> for more details.</p>`, keep: []string{"the keepers' logbook"}},
	{name: "javascript tab entity", vector: `<p>See <a href="jav&#x09;ascript:alert(1)">the tab link</a> for details.</p>`, keep: []string{"the tab link"}},
	{name: "javascript newline entity", vector: `<p>See <a href="jav&#x0A;ascript:alert(1)">the newline link</a> for details.</p>`},
	{name: "javascript CR entity", vector: `<p>See <a href="jav&#x0D;ascript:alert(1)">the CR link</a> for details.</p>`},
	{name: "javascript decimal entity", vector: `<p>See <a href="&#106;avascript:alert(1)">the decimal link</a> for details.</p>`},
	{name: "javascript all entities", vector: `<p>See <a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">the hex link</a> for details.</p>`},
	{name: "javascript padded entities", vector: `<p>See <a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">the padded link</a> for details.</p>`},
	{name: "javascript colon entity", vector: `<p>See <a href="javascript&colon;alert(1)">the colon link</a> for details.</p>`},
	{name: "javascript colon numeric", vector: `<p>See <a href="javascript&#58;alert(1)">the colon number link</a> for details.</p>`},
	{name: "javascript mixed case", vector: `<p>See <a href="JaVaScRiPt:alert(1)">the mixed case link</a> for details.</p>`},
	{name: "javascript leading spaces", vector: "<p>See <a href=\"   \n\t javascript:alert(1)\">the padded link</a> for details.</p>"},
	{name: "javascript leading controls", vector: "<p>See <a href=\"&#x01;&#x1F; javascript:alert(1)\">the control link</a> for details.</p>"},
	{name: "javascript split newline", vector: "<p>See <a href=\"java\nscript:alert(1)\">the split link</a> for details.</p>"},
	{name: "javascript split tab", vector: "<p>See <a href=\"java\tscr\tipt:alert(1)\">the split tab link</a> for details.</p>"},
	{name: "javascript nul", vector: "<p>See <a href=\"java\x00script:alert(1)\">the nul link</a> for details.</p>"},
	{name: "javascript line separator", vector: "<p>See <a href=\"\u2028javascript:alert(1)\">the separator link</a> for details.</p>"},
	{name: "javascript in img src", vector: `<p>A picture <img src="javascript:alert(1)" alt="tower"> of the tower.</p>`},
	{name: "javascript entity double", vector: `<p>See <a href="&amp;#106;avascript:alert(1)">the double entity link</a> for details.</p>`},
	{name: "javascript entity colon double", vector: `<p>See <a href="javascript&amp;colon;alert(1)">the double colon link</a> for details.</p>`},
	{name: "javascript entity in markdown dest", vector: `<p>See <a href="&amp;#x6A;avascript&amp;#x3A;alert(1)">the hex double link</a> for details.</p>`},
	{name: "vbscript", vector: `<p>See <a href="vbscript:msgbox(1)">the old link</a> and <a href="VBScript&#x3A;msgbox(2)">another</a>.</p>`},
	{name: "livescript", vector: `<p>See <a href="livescript:alert(1)">the ancient link</a> for details.</p>`},
	{name: "data text html", vector: `<p>See <a href="data:text/html,<script>alert(1)</script>">the data link</a> and <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">another</a>.</p>`},
	{name: "data svg image", vector: `<p>A drawing <img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" alt="drawing"> of the lantern.</p>`},
	{name: "data image as link", vector: `<p>See <a href="data:image/png;base64,iVBORw0KGgo=">the image link</a> for details.</p>`},
	{name: "data image in link text", vector: `<p>See <a href="https://harbour.test/"><img src="data:text/html,<script>alert(1)</script>" alt="logo"></a> here.</p>`},
	{name: "file scheme", vector: `<p>See <a href="file:///etc/passwd">the file link</a> for details.</p>`},

	// SVG and MathML.
	{name: "svg onload", vector: `<p>A map <svg onload="alert(1)"><circle r="4"/></svg> of the bay.</p>`},
	{name: "svg script", vector: `<svg><script>alert(1)</script><text>Lighthouse map label</text></svg>`},
	{name: "svg xlink", vector: `<p>Map: <svg><a xlink:href="javascript:alert(1)"><text x="0" y="10">click the map</text></a></svg> of the bay.</p>`},
	{name: "svg animate", vector: `<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text x="20" y="20">Click the animated map</text></a></svg>`},
	{name: "svg set", vector: `<svg><set attributeName="onmouseover" to="alert(1)"/><animate onbegin="alert(1)" attributeName="x" dur="1s"/></svg>`},
	{name: "svg foreignObject", vector: `<svg><foreignObject><iframe src="javascript:alert(1)"></iframe><p>Text inside a foreign object in an SVG drawing of the pier.</p></foreignObject></svg>`},
	{name: "svg style breakout", vector: `<svg><style><img src=x onerror=alert(1)></style></svg><p>After the SVG style element the article continues.</p>`},
	{name: "math href", vector: `<p>A formula <math href="javascript:alert(1)"><mi>x</mi></math> in the text.</p>`},
	{name: "math maction", vector: `<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">CLICKME</maction></math>`},
	{name: "math mglyph style", vector: `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>`},
	{name: "math mtext table", vector: `<math><mtext><h1><a href="javascript:alert(1)">Mathematical heading link</a></h1></mtext></math>`},

	// Frames, objects, forms, media.
	{name: "iframe srcdoc", vector: `<iframe srcdoc="<script>alert(1)</script>"></iframe><p>After the iframe the article continues about the pier.</p>`},
	{name: "iframe srcdoc entities", vector: `<iframe srcdoc="&lt;img src=x onerror=alert(1)&gt;"></iframe>`},
	{name: "iframe javascript", vector: `<iframe src="javascript:alert(1)"></iframe><frame src="javascript:alert(1)">`},
	{name: "object embed", vector: `<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)"><applet code="x"></applet>`},
	{name: "srcset javascript", vector: `<p>A photo <img src="placeholder.gif" srcset="javascript:alert(1) 2x, javascript:alert(2) 800w" alt="photo"> of the steps.</p>`},
	{name: "data-src javascript", vector: `<p>A lazy photo <img src="" data-src="javascript:alert(1)" alt="lazy"> of the steps.</p>`},
	{name: "data-srcset javascript", vector: `<p>A lazy photo <img data-srcset="javascript:alert(1) 800w" alt="lazy2"> of the steps.</p>`},
	{name: "picture source javascript", vector: `<p><picture><source srcset="javascript:alert(1)"><img src="lazy.gif" alt="pic"></picture> A picture of the keepers.</p>`},
	{name: "video poster", vector: `<video poster="javascript:alert(1)" src="javascript:alert(2)" controls></video><audio src="javascript:alert(1)"></audio>`},
	{name: "formaction", vector: `<form action="javascript:alert(1)"><p>A form paragraph in the article about the lighthouse tickets.</p><button formaction="javascript:alert(1)">Buy</button><input type="image" src="javascript:alert(1)" formaction="javascript:alert(2)"></form>`},
	{name: "input onfocus", vector: `<p>Search <input autofocus onfocus="alert(1)"> <textarea onfocus="alert(1)"><script>alert(1)</script></textarea> the archive.</p>`},
	{name: "details ontoggle", vector: `<details open ontoggle="alert(1)"><summary>More about the keepers</summary><p>The keepers kept logbooks for a hundred years.</p></details>`},
	{name: "marquee", vector: `<marquee onstart="alert(1)">Scrolling news about the pier reopening</marquee>`},
	{name: "xmp plaintext", vector: `<xmp><script>alert(1)</script></xmp><listing><img src=x onerror=alert(1)></listing>`},

	// <base>, meta refresh.
	{name: "base javascript", head: `<base href="javascript:alert(1)//">`, vector: `<p>See <a href="logbook">the relative logbook link</a> and <img src="tower.jpg" alt="tower">. The keepers kept a record of every ship that passed the pier in fog, and the trust has now put those pages on show.</p>`, keep: []string{"the relative logbook link"}},
	{name: "base in body", vector: `<base href="javascript:alert(1)//"><p>See <a href="logbook">the relative link</a> after a base in the body.</p>`},
	{name: "base data", head: `<base href="data:text/html,x/">`, vector: `<p>See <a href="logbook">the relative link</a> with a data base.</p>`},
	{name: "meta refresh", head: `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`, vector: `<meta http-equiv="refresh" content="0; url=data:text/html,<script>alert(1)</script>">`},
	{name: "link import", head: `<link rel="import" href="javascript:alert(1)"><link rel="stylesheet" href="javascript:alert(1)">`},

	// noscript and template mutation tricks.
	{name: "noscript title mutation", vector: `<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript><p>Text after the noscript mutation trick in the article body.</p>`},
	{name: "noscript img", vector: `<p>A photo <img src="lazy.gif" alt="lazy"><noscript><img src="javascript:alert(1)" onerror="alert(2)"></noscript> of the pier.</p>`},
	{name: "noscript style", vector: `<noscript><style></noscript><img src=x onerror=alert(1)></style></noscript>`},
	{name: "template", vector: `<template><img src=x onerror=alert(1)><script>alert(1)</script></template><p>A paragraph after a template element in the article.</p>`},
	{name: "template in table", vector: `<table><template><td><img src=x onerror=alert(1)></td></template></table>`},
	{name: "comment breakout", vector: `<!--<img src="--><img src=x onerror=alert(1)//">--><p>After the comment trick the article continues.</p>`},
	{name: "cdata", vector: `<p>Text <![CDATA[<script>alert(1)</script>]]> with a CDATA section.</p>`},
	{name: "select mutation", vector: `<select><option><style></option></select><img src=x onerror=alert(1)></style></select>`},

	// Markdown injection through text.
	{name: "markdown link in text", vector: `<p>Click [here](javascript:alert(1)) to read the logbook online.</p>`, keep: []string{"[here](javascript:alert(1))"}},
	{name: "markdown image in text", vector: `<p>The photo ![x](javascript:alert(1)) and ![y](https://evil.test/track.png) are text.</p>`, keep: []string{"![x](javascript:alert(1))"}},
	{name: "markdown autolink in text", vector: `<p>Visit &lt;https://evil.test&gt; or &lt;javascript:alert(1)&gt; for more.</p>`, keep: []string{"<https://evil.test>", "<javascript:alert(1)>"}},
	{name: "script as text", vector: `<p>The tag &lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt; are only text here.</p>`, keep: []string{"<script>alert(1)</script>", "<img src=x onerror=alert(1)>"}},
	{name: "html block as text", vector: `<p>&lt;div onclick="alert(1)"&gt;</p><p>&lt;!-- comment --&gt;</p><p>&lt;?php echo 1 ?&gt;</p>`, keep: []string{`<div onclick="alert(1)">`, "<!-- comment -->"}},
	{name: "reference definition", vector: `<p>Read [the log][1] now.</p><p>[1]: javascript:alert(1)</p>`, keep: []string{"[1]: javascript:alert(1)"}},
	{name: "reference definition title", vector: `<p>[log]: &lt;javascript:alert(1)&gt; "title"</p><p>Read [log] now.</p>`},
	{name: "entity in text", vector: `<p>Entities &amp;#106;avascript: and &amp;lt;script&amp;gt; stay as written.</p>`, keep: []string{"&#106;avascript:", "&lt;script&gt;"}},
	{name: "backslashes", vector: `<p>Back\slashes \[x\](javascript:alert(1)) and \&lt;script\&gt; stay.</p>`, keep: []string{`\[x\](javascript:alert(1))`}},
	{name: "link text closes link", vector: `<p>See <a href="https://harbour.test/">x](javascript:alert(1)) [y</a> here. The keepers kept a record of every ship that passed the pier in fog, and the trust has now put those pages on show.</p>`, keep: []string{"x](javascript:alert(1)) [y"}},
	{name: "link text image", vector: `<p>See <a href="https://harbour.test/">![a](javascript:alert(1))</a> here.</p>`},
	{name: "alt closes image", vector: `<p>A photo <img src="https://harbour.test/t.jpg" alt="a](javascript:alert(1)) ![b"> of the tower.</p>`},
	{name: "href breaks destination", vector: `<p>See <a href="https://harbour.test/a) [x](javascript:alert(1)">the paren link</a> and <a href="https://harbour.test/a b &quot;t&quot;">the space link</a>.</p>`},
	{name: "href newline injection", vector: "<p>See <a href=\"https://harbour.test/a\n\n[x](javascript:alert(1))\">the newline href</a> here.</p>"},
	{name: "href angle brackets", vector: `<p>See <a href="https://harbour.test/&lt;script&gt;alert(1)&lt;/script&gt;">the angle href</a> here.</p>`},
	{name: "href quote breakout", vector: `<p>See <a href='https://harbour.test/"onmouseover="alert(1)'>the quote href</a> here.</p>`},
	{name: "href backslash", vector: `<p>See <a href="https://harbour.test/a\">the backslash href</a> and <a href="\\evil.test\x">another</a>.</p>`},
	{name: "href entity in destination", vector: `<p>See <a href="https://harbour.test/?a=1&amp;b=&amp;lt;script&amp;gt;">the amp href</a> here.</p>`},
	{name: "emphasis and code", vector: "<p>Code <code>`</code><code>``x``</code> and <code>&lt;/code&gt;&lt;script&gt;alert(1)&lt;/script&gt;</code> stay code.</p>"},
	{name: "pre breakout", vector: "<pre><code class=\"language-js&quot; onclick=&quot;alert(1)\">```\n&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;\n```</code></pre>", keep: []string{"</code></pre><script>alert(1)</script>"}},
	{name: "heading with vector", vector: `<h2><img src=x onerror=alert(1)>The keepers <script>alert(1)</script>&lt;b&gt;</h2><p>The keepers lived in the cottages beside the tower for over a century.</p>`, keep: []string{"The keepers <b>"}},
	{name: "table with vectors", vector: `<table><tr><th>Year</th><th>Keeper &lt;b&gt;</th></tr><tr><td><a href="javascript:alert(1)">1868</a></td><td>&lt;script&gt;alert(1)&lt;/script&gt;</td></tr><tr><td>1901</td><td onclick="alert(1)">John Smith</td></tr></table>`, keep: []string{"<script>alert(1)</script>", "Keeper <b>"}},
	{name: "table cell pipe", vector: `<table><tr><th>Year</th><th>Keeper | name</th></tr><tr><td>1901</td><td>John | Smith</td></tr></table>`, keep: []string{"Keeper | name", "John | Smith"}},
	{name: "heading ends with hash", vector: `<h2>Why we rank number #</h2><p>The ranking of the ferry service put it first among the island routes this year.</p>`, keep: []string{"Why we rank number #"}},
	{name: "title ends with hash", title: `Notes on C #`},
	{name: "adjacent inline", vector: "<p>Joined <b>bold</b><b>er</b> and <i>it</i><i>alic</i> and <code>co</code><code>de</code> and <code>`</code><code>``x``</code> words.</p>", keep: []string{"Joined bolder and italic and code and ```x`` words."}},
	{name: "list with vectors", vector: `<ul><li onclick="alert(1)"><a href="javascript:alert(1)">First</a> item</li><li>&lt;img src=x onerror=alert(1)&gt;</li></ul><ol start="1&quot; onclick=&quot;alert(1)"><li>One</li></ol><ol start="2"><li>Two</li></ol>`},
	{name: "blockquote with vectors", vector: `<blockquote cite="javascript:alert(1)"><p>&lt;script&gt;alert(1)&lt;/script&gt; said the keeper.</p></blockquote>`},

	// Titles, bylines and metadata holding markup.
	{name: "title with html", title: `&lt;img src=x onerror=alert(1)&gt; Lighthouse &lt;script&gt;alert(1)&lt;/script&gt;`},
	{name: "title raw tags", title: `<script>alert(1)</script> Harbour <b>Lighthouse</b> *opens*`},
	{name: "byline with html", byline: `By &lt;img src=x onerror=alert(1)&gt; Jane &lt;b&gt;Doe&lt;/b&gt;`},
	{name: "byline markdown", byline: `By [Jane](javascript:alert(1)) Doe`},
	{name: "meta with html", head: `<meta name="author" content="<img src=x onerror=alert(1)>"><meta property="og:title" content="<script>alert(1)</script>"><meta property="og:site_name" content="<svg onload=alert(1)>"><meta name="description" content="<iframe srcdoc='x'>"><meta property="article:published_time" content="<img src=x onerror=alert(1)>">`},
	{name: "json-ld with html", head: `<script type="application/ld+json">{"@type":"NewsArticle","headline":"<img src=x onerror=alert(1)> Lighthouse","author":{"name":"<script>alert(1)</script>"},"publisher":{"name":"<b>Gazette</b>"},"image":"javascript:alert(1)","description":"[x](javascript:alert(1))"}</script>`},
	{name: "og image javascript", head: `<meta property="og:image" content="javascript:alert(1)">`},
	{name: "og image data html", head: `<meta property="og:image" content="data:text/html,<script>alert(1)</script>">`},
	{name: "lead image javascript", vector: `<p><img src="javascript:alert(1)" alt="first image"> The first image of the article has a script address.</p>`},
	{name: "html dir lang", head: `<meta http-equiv="content-language" content="en&quot; onload=&quot;alert(1)">`},
}

func TestXSS(t *testing.T) {
	for _, withURL := range []bool{true, false} {
		for _, c := range xssCases {
			name := c.name
			if !withURL {
				name += "/no URL"
			}
			t.Run(name, func(t *testing.T) {
				in := Input{HTML: xssPage(c.title, c.head, c.byline, c.vector)}
				if withURL {
					in.URL = "https://harbour.test/news/2024/lighthouse"
				}
				a, err := New(Options{}).Extract(in)
				if err != nil {
					t.Fatalf("extract: %v (the vector must sit in an article that survives)", err)
				}
				bug := c.bug
				if !withURL && c.bugNoURL != "" {
					bug = c.bugNoURL
				}
				rep, kb := checker(t, bug)
				for _, p := range checkArticleSafe(t, a) {
					rep.Errorf("%s", p)
				}
				vis := visibleText(a.HTML)
				for _, k := range c.keep {
					if !strings.Contains(vis, normSpace(k)) {
						rep.Errorf("visible text lacks %q", k)
					}
				}
				if !strings.Contains(vis, "After four years of scaffolding") || !strings.Contains(vis, "coming home") {
					rep.Errorf("the article around the vector was lost:\n%s", a.Markdown)
				}
				if a.Byline != "" && !strings.Contains(vis, normSpace(a.Byline)) {
					rep.Errorf("byline %q is not shown as text: %s", a.Byline, vis[:min(len(vis), 300)])
				}
				if t.Failed() || (kb != nil && len(kb.msgs) > 0) {
					t.Logf("Markdown:\n%s\nHTML:\n%s", a.Markdown, a.HTML)
				}
				kb.done(t)
			})
		}
	}
}

// TestXSSMetadataURLs checks the metadata fields that are addresses: a
// reader shows LeadImage as an image and URL as a link, so they obey the
// same URL rules as the article's own links and images. Dir and Lang go
// into attributes of the reader's page.
func TestXSSMetadataURLs(t *testing.T) {
	cases := []struct {
		name, head, vector, url string
		bug                     string
	}{
		{name: "og:image javascript", head: `<meta property="og:image" content="javascript:alert(1)">`, url: "https://harbour.test/a"},
		{name: "og:image javascript no URL", head: `<meta property="og:image" content="javascript:alert(1)">`},
		{name: "og:image split", head: "<meta property=\"og:image\" content=\"java\tscript:alert(1)\">", url: "https://harbour.test/a"},
		{name: "og:image data html", head: `<meta property="og:image" content="data:text/html,<script>alert(1)</script>">`},
		{name: "og:image svg", head: `<meta property="og:image" content="data:image/svg+xml,<svg onload=alert(1)>">`},
		{name: "json-ld image", head: `<script type="application/ld+json">{"@type":"Article","image":{"url":"vbscript:msgbox(1)"}}</script>`},
		{name: "first img javascript", vector: `<p><img src="javascript:alert(1)" alt="x"> An image with a script address.</p>`, url: "https://harbour.test/a"},
		{name: "page URL javascript", url: "javascript:alert(1)//https://harbour.test/"},
		{name: "dir attribute"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			page := xssPage("", c.head, "", c.vector)
			if c.name == "dir attribute" {
				page = []byte(strings.Replace(string(page), `<html lang="en">`, `<html lang="en&quot; onload=&quot;x" dir="rtl&quot; onclick=&quot;alert(1)">`, 1))
			}
			a, err := New(Options{}).Extract(Input{HTML: page, URL: c.url})
			if err != nil {
				t.Fatalf("extract: %v", err)
			}
			rep, kb := checker(t, c.bug)
			if a.LeadImage != "" {
				if p := urlProblem(a.LeadImage, true); p != "" {
					rep.Errorf("LeadImage %q: %s", a.LeadImage, p)
				}
			}
			if a.URL != "" {
				if p := urlProblem(a.URL, false); p != "" {
					rep.Errorf("URL %q: %s", a.URL, p)
				}
			}
			switch a.Dir {
			case "", "ltr", "rtl", "auto":
			default:
				rep.Errorf("Dir %q is not ltr, rtl or auto", a.Dir)
			}
			if strings.ContainsAny(a.Lang, `"'<> `) {
				rep.Errorf("Lang %q holds characters no language tag has", a.Lang)
			}
			kb.done(t)
		})
	}
}

// TestXSSTextRoundTrip puts characters that mean something in Markdown or
// HTML into every place text can be (paragraph, heading, link text, alt,
// list item, table cell, quote, title, byline) and checks the rendered
// HTML shows them exactly.
func TestXSSTextRoundTrip(t *testing.T) {
	nasty := []string{
		`<script>alert(1)</script>`, `**bold** __u__ *i* _j_ ~~s~~`, "`code`", `[a](b) ![c](d) [e]: f`,
		`<https://evil.test>`, `&amp; &lt; &#106; &colon;`, `\* \\ \[`, `| a | b |`, `# h`, `1. x`, `- y`, `> q`,
		`<!-- c -->`, `<?x?>`, `<![CDATA[x]]>`, `===`, `---`, `***`, `    indented`, "~~~", "```",
	}
	for i, s := range nasty {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			esc := html.EscapeString(s)
			vec := `<p>The keepers wrote ` + esc + ` in the margin of the logbook on a stormy night.</p>` +
				`<p>` + esc + `</p>` +
				`<h2>Section ` + esc + `</h2><p>The section starts with a sentence about the weather on the pier.</p>` +
				`<ul><li>Item ` + esc + `</li><li>` + esc + `</li></ul>` +
				`<blockquote><p>Quote ` + esc + `</p></blockquote>` +
				`<p>Link <a href="https://harbour.test/x">text ` + esc + `</a> and image <img src="https://harbour.test/i.png" alt="` + esc + `">. The keepers kept a record of every ship that passed the pier in fog, and the trust has now put those pages on show.</p>` +
				`<table><tr><th>A</th><th>B</th></tr><tr><td>` + esc + `</td><td>cell</td></tr></table>`
			a, err := New(Options{}).Extract(Input{HTML: xssPage("Lighthouse "+esc, "", "By Jane "+esc, vec), URL: "https://harbour.test/a"})
			if err != nil {
				t.Fatalf("extract: %v", err)
			}
			for _, p := range checkArticleSafe(t, a) {
				t.Errorf("%s", p)
			}
			vis := visibleText(a.HTML)
			want := normSpace(s)
			for _, ctx := range []string{"wrote " + want + " in the margin", "Section " + want, "Item " + want, "Quote " + want, "text " + want} {
				if !strings.Contains(vis, ctx) {
					t.Errorf("visible text lacks %q", ctx)
				}
			}
			if !strings.Contains(a.Text, "wrote "+want+" in the margin") {
				t.Errorf("Text lacks %q", want)
			}
			if t.Failed() {
				t.Logf("Markdown:\n%s\nHTML:\n%s", a.Markdown, a.HTML)
			}
		})
	}
}

// TestLinksResolvedAfterNormalising: an address with the tabs and
// newlines browsers ignore is still resolved against the page's URL, or the
// reader (on another origin) points the link somewhere else.
func TestLinksResolvedAfterNormalising(t *testing.T) {
	vec := "<p>Read <a href=\"/news/\n2024/log\tbook\">the logbook</a> and <a href=\"0&#10A\">the other page</a> on the trust's site, where the keepers' records are kept in full.</p>"
	a, err := New(Options{}).Extract(Input{HTML: xssPage("", "", "", vec), URL: "https://harbour.test/news/story"})
	if err != nil {
		t.Fatalf("extract: %v", err)
	}
	rep, kb := checker(t, "")
	for _, want := range []string{"](https://harbour.test/news/2024/logbook)", "](https://harbour.test/news/0A)"} {
		if !strings.Contains(a.Markdown, want) {
			rep.Errorf("Markdown lacks %q", want)
		}
	}
	kb.done(t)
}
