package core

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
	"golang.org/x/text/encoding/unicode"
)

// Sentences of our own, one per script, long enough for a statistical
// guess to have something to go on (a short news paragraph).
const (
	zhHansText = "今年春天，市图书馆在老城区新开了三家分馆，每家分馆都设有儿童阅览区和自习室。周末的时候，很多家长带着孩子来这里借书、听故事，馆员们说，读者比预想的还要多。"
	zhHantText = "颱風過後，港口附近的漁民一早就出海檢查漁網。他們說，這次風雨雖然很大，但是因為事先做好了準備，損失比往年少了許多，大家都鬆了一口氣。"
	jaText     = "雨の日が続いていますが、週末には晴れる見込みです。駅前の公園では、桜のつぼみが少しずつふくらみ始めました。来週には満開になるかもしれません。"
	koText     = "오늘 아침 시장에는 봄나물을 사려는 사람들로 북적였습니다. 상인들은 올해 날씨가 따뜻해서 나물이 일찍 나왔다고 말했습니다. 저녁에는 비가 조금 내릴 예정입니다."
	latinText  = "Café crème brûlée: the menu of the little bistro changes with the seasons, à la française."
)

// page wraps body text in a page, with head markup (a meta tag, or "").
func page(head, body string) string {
	return "<!DOCTYPE html><html><head>" + head + "<title>t</title></head><body><p>" + body + "</p></body></html>"
}

// encode returns s in the encoding e, failing the test if it cannot.
func encode(t *testing.T, e encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := e.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatalf("encode test page: %v", err)
	}
	return b
}

func TestDecode(t *testing.T) {
	utf16le := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)
	utf16be := unicode.UTF16(unicode.BigEndian, unicode.UseBOM)
	// A GB18030 page with a character outside GBK (U+20000, four bytes in
	// GB18030): only a GB18030 decoder reads it.
	const gb18030Only = "他在族谱里找到了一个罕见的名字：𠀀。"
	padding := "<!-- " + strings.Repeat("layout notes, ", 4400) + "-->" // about 61 KiB

	tests := []struct {
		name        string
		in          []byte
		contentType string
		want        string // a text the decoded page must hold
		charset     string
		how         string
		bug         string
	}{
		// Byte-order marks win over everything.
		{name: "bom utf-8", in: append([]byte("\xEF\xBB\xBF"), page("", latinText)...), want: latinText, charset: "utf-8", how: "bom"},
		{name: "bom utf-8 over transport", in: append([]byte("\xEF\xBB\xBF"), page(`<meta charset="gbk">`, zhHansText)...),
			contentType: "text/html; charset=windows-1252", want: zhHansText, charset: "utf-8", how: "bom"},
		{name: "bom utf-16le", in: encode(t, utf16le, page("", zhHansText+" "+latinText)), want: zhHansText + " " + latinText, charset: "utf-16le", how: "bom"},
		{name: "bom utf-16be", in: encode(t, utf16be, page("", koText)), want: koText, charset: "utf-16be", how: "bom"},

		// The transport's charset wins over the page's declaration.
		{name: "transport over meta", in: encode(t, simplifiedchinese.GBK, page(`<meta charset="shift_jis">`, zhHansText)),
			contentType: "text/html; charset=GBK", want: zhHansText, charset: "gb18030", how: "transport"},
		{name: "transport quoted", in: encode(t, traditionalchinese.Big5, page("", zhHantText)),
			contentType: `text/html; charset="big5"`, want: zhHantText, charset: "big5", how: "transport"},
		{name: "transport unknown label falls through to meta", in: encode(t, japanese.ShiftJIS, page(`<meta charset="shift_jis">`, jaText)),
			contentType: "text/html; charset=x-no-such-charset", want: jaText, charset: "shift_jis", how: "meta"},

		// <meta> declarations anywhere in the first 64 KiB.
		{name: "meta charset", in: encode(t, korean.EUCKR, page(`<meta charset="euc-kr">`, koText)), want: koText, charset: "euc-kr", how: "meta"},
		{name: "meta http-equiv", in: encode(t, simplifiedchinese.GBK, page(`<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`, zhHansText)),
			want: zhHansText, charset: "gb18030", how: "meta"},
		{name: "meta late in the first 64 KiB", in: encode(t, japanese.EUCJP, page(padding+`<meta charset="EUC-JP">`, jaText)),
			want: jaText, charset: "euc-jp", how: "meta"},
		{name: "meta after 64 KiB is not read", in: append([]byte(page(padding+strings.Repeat(" ", 8<<10)+`<meta charset="koi8-r">`, "")), encode(t, charmap.Windows1252, latinText)...),
			want: latinText, charset: "windows-1252", how: "default"},

		// A page that is valid UTF-8 is UTF-8, whatever a single-byte label says.
		{name: "utf-8 declared iso-8859-1", in: []byte(page(`<meta charset="iso-8859-1">`, latinText)), want: latinText, charset: "utf-8", how: "utf8"},
		{name: "utf-8 declared windows-1252 by transport", in: []byte(page("", zhHansText)), contentType: "text/html; charset=windows-1252",
			want: zhHansText, charset: "utf-8", how: "utf8"},
		{name: "utf-16 label without bom", in: []byte(page(`<meta charset="utf-16">`, latinText)), want: latinText, charset: "utf-8"},
		{name: "real latin-1 stays latin-1", in: encode(t, charmap.ISO8859_1, page(`<meta charset="iso-8859-1">`, latinText)),
			want: latinText, charset: "windows-1252", how: "meta"},

		// gb2312 and GBK labels decode as GB18030, their superset.
		{name: "gb2312 label", in: encode(t, simplifiedchinese.GB18030, page(`<meta charset="gb2312">`, gb18030Only)), want: gb18030Only, charset: "gb18030", how: "meta"},
		{name: "gbk label", in: encode(t, simplifiedchinese.GB18030, page(`<meta charset="GBK">`, gb18030Only)), want: gb18030Only, charset: "gb18030", how: "meta"},
		{name: "x-gbk label", in: encode(t, simplifiedchinese.GB18030, page(`<meta charset="x-gbk">`, gb18030Only)), want: gb18030Only, charset: "gb18030", how: "meta"},
		{name: "gb2312 transport", in: encode(t, simplifiedchinese.GB18030, page("", gb18030Only)), contentType: "text/html;charset=gb2312",
			want: gb18030Only, charset: "gb18030", how: "transport"},

		// Undeclared legacy encodings, guessed from the bytes.
		{name: "undeclared gbk", in: encode(t, simplifiedchinese.GBK, page("", zhHansText)), want: zhHansText, charset: "gb18030", how: "guess"},
		{name: "undeclared big5", in: encode(t, traditionalchinese.Big5, page("", zhHantText)), want: zhHantText, charset: "big5", how: "guess"},
		{name: "undeclared shift_jis", in: encode(t, japanese.ShiftJIS, page("", jaText)), want: jaText, charset: "shift_jis", how: "guess"},
		{name: "undeclared euc-jp", in: encode(t, japanese.EUCJP, page("", jaText)), want: jaText, charset: "euc-jp", how: "guess"},
		{name: "undeclared euc-kr", in: encode(t, korean.EUCKR, page("", koText)), want: koText, charset: "euc-kr", how: "guess"},
		{name: "undeclared utf-8", in: []byte(page("", jaText)), want: jaText, charset: "utf-8", how: "utf8"},

		// Nothing fits: windows-1252.
		{name: "windows-1252 fallback", in: encode(t, charmap.Windows1252, page("", latinText+" “quoted” – dash")), want: latinText + " “quoted” – dash", charset: "windows-1252", how: "default"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, bug := checker(t, tt.bug)
			defer bug.done(t)
			d, err := decode(tt.in, tt.contentType, nil)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if !strings.Contains(d.text, tt.want) {
				e.Errorf("decoded text does not hold %q:\n%s", tt.want, cutLine(d.text[max(0, len(d.text)-400):], 400))
			}
			if strings.HasPrefix(d.text, "\uFEFF") {
				e.Errorf("decoded text starts with the byte-order mark")
			}
			if d.charset != tt.charset {
				e.Errorf("charset = %q, want %q", d.charset, tt.charset)
			}
			if tt.how != "" && d.how != tt.how {
				e.Errorf("chosen by %q, want %q", d.how, tt.how)
			}
		})
	}
}

// TestDecodeThroughExtract checks that the transport charset reaches the
// decoder through Input.ContentType and that Article.Charset names it.
func TestDecodeThroughExtract(t *testing.T) {
	body := strings.Repeat("<p>"+zhHansText+"</p>\n", 6)
	in := encode(t, simplifiedchinese.GBK, "<html><head><meta charset=\"utf-8\"><title>分馆开放</title></head><body><div class=\"article\">"+body+"</div></body></html>")
	a, err := New(Options{}).Extract(Input{HTML: in, ContentType: "text/html; charset=gbk"})
	if err != nil {
		t.Fatalf("Extract: %v", err)
	}
	if a.Charset != "gb18030" {
		t.Errorf("Charset = %q, want gb18030", a.Charset)
	}
	if !strings.Contains(a.Text, zhHansText) {
		t.Errorf("text lost the paragraph:\n%s", a.Text)
	}
}

func TestDecodeNotHTML(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"empty slice", []byte{}},
		{"whitespace", []byte(" \n\t\r\n ")},
		{"nul bytes", []byte("\x00\x00\x00")},
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n")},
		{"pdf after whitespace", []byte("\r\n%PDF-1.4\n")},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")},
		{"gzip", []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03")},
		{"binary", bytes.Repeat([]byte{0x01, 0x02, 0x03, 0x04, 'a'}, 100)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := decode(tt.in, "", nil); !errors.Is(err, ErrNotHTML) {
				t.Errorf("decode: err = %v, want ErrNotHTML", err)
			}
			a, err := New(Options{}).Extract(Input{HTML: tt.in})
			if !errors.Is(err, ErrNotHTML) {
				t.Errorf("Extract: err = %v, want ErrNotHTML", err)
			}
			if a != nil {
				t.Errorf("Extract returned an article with its error")
			}
			if k := ErrorKind(err); k != "not-html" {
				t.Errorf("ErrorKind = %q, want not-html", k)
			}
		})
	}
}

func TestContentTypeCharset(t *testing.T) {
	tests := []struct{ in, want string }{
		{"text/html; charset=utf-8", "utf-8"},
		{"text/html;charset=GBK", "GBK"},
		{`text/html; charset="big5"`, "big5"},
		{"text/html; Charset=Shift_JIS; foo=bar", "Shift_JIS"},
		{"text/html", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := contentTypeCharset(tt.in); got != tt.want {
			t.Errorf("contentTypeCharset(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Double encoding is undone, and French typography is not taken for it.
func TestRepairMojibake(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"donâ€™t â€“ dÃ©jÃ\u00a0 vu", "don’t – déjà vu"},
		{"ä¸­æ–‡ç½‘é¡µ", "中文网页"},
		{"Hindi: à¤¹à¤¿à¤‚à¤¦à¥€", "Hindi: हिंदी"},
		// A no-break space and a guillemet after an accented letter: a
		// Latin word's end, or U+0800-U+08FF were it decoded.
		{"un traitement automatisé\u00a0».", "un traitement automatisé\u00a0»."},
		{"mis à\u00a0« part »", "mis à\u00a0« part »"},
		{"prix : 12\u00a0€ ; cafÃ©Â\u00a0noir", "prix : 12\u00a0€ ; café\u00a0noir"},
	} {
		if got := repairMojibake(c.in); got != c.want {
			t.Errorf("repairMojibake(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
