package core

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestLegalNotice checks the wording that marks a site's notice, and that
// reports about statements or copyright are not taken for one.
func TestLegalNotice(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"免责声明：本文仅代表作者个人观点，与本网无关。", true},
		{"(內容由新浪北京提供。未經授權，不得轉載。)", true},
		{"• 凡注明为其他媒体来源的信息，均为转载自其他媒体，转载并不代表本网赞同其观点，也不代表本网对其真实性负责。", true},
		{"声明：新浪网登载此文出于传递更多信息之目的，并不意味着赞同其观点或证实其描述。", true},
		{"The views expressed in the contents above are those of our users and do not necessarily reflect the views of the site.", true},
		{"© 2019 The Herald. All rights reserved.", true},
		{"This material may not be reproduced without prior written permission.", true},
		{"This document is subject to copyright. Apart from any fair dealing for the purpose of private study or research, no part may be reproduced without the written permission.", true},
		{"Żaden utwór zamieszczony w serwisie nie może być powielany i rozpowszechniany bez zgody wydawcy.", true},
		{"富士康在声明中表示，导致该事件发生的运营变动，完全符合相关法律和规章。", false},
		{"该消息由国内一家权威媒体报道，并被多家媒体转载，引发强烈民族自豪感。", false},
		{"The court ruled that the photographs were reproduced without the owner's permission.", false},
	} {
		if got := legalNotice(tt.text); got != tt.want {
			t.Errorf("legalNotice(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestSmallFont(t *testing.T) {
	for st, want := range map[string]bool{
		"font-size: 12.0px;line-height: 16.0px;color: rgb(128,130,100);": true,
		"FONT-SIZE:9pt":           true,
		"font-size: x-small":      true,
		"font-size:smaller":       true,
		"font-size: 16px":         false,
		"font-size: 13px":         false,
		"font-size: 0.8em":        false, // relative to what the page set: unknown
		"font-size: 10pt":         false,
		"color: grey":             false,
		"font-size:":              false,
		"line-height:12px":        false,
		"font-size: large; x:1px": false,
	} {
		if got := smallFont(st); got != want {
			t.Errorf("smallFont(%q) = %v, want %v", st, got, want)
		}
	}
}

func TestRightAligned(t *testing.T) {
	for src, want := range map[string]bool{
		`<div style="text-align: right;">吉林省人民政府</div>`: true,
		`<div align="RIGHT">The Board</div>`:            true,
		`<div style="TEXT-ALIGN:right">x</div>`:         true,
		`<div style="text-align: justify;">x</div>`:     false,
		`<div style="float: right">x</div>`:             false,
		`<div>x</div>`:                                  false,
	} {
		doc, err := html.Parse(strings.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		if got := rightAligned(firstElem(doc, atom.Div)); got != want {
			t.Errorf("rightAligned(%s) = %v, want %v", src, got, want)
		}
	}
}

// TestLegalNoticeScan checks the one-pass scan against a Contains per
// phrase, on texts that hold the phrases (legal notices and the site's own
// promotion) at every place, in other case, cut short and among other text.
func TestLegalNoticeScan(t *testing.T) {
	ref := func(t string) string {
		low := strings.ToLower(t)
		for _, l := range []struct {
			ps  []string
			why string
		}{{legalNotices, whyLegal}, {selfPromos, whyPromo}} {
			for _, p := range l.ps {
				if strings.Contains(low, p) {
					return l.why
				}
			}
		}
		return ""
	}
	fillers := []string{"", "a", "x ", "免", "本文", "ALL RIGHTS", "é", "\xff", "İ", "K"}
	for _, p := range append(append([]string(nil), legalNotices...), selfPromos...) {
		for _, v := range []string{p, strings.ToUpper(p), p[:len(p)-1], p[1:], strings.ToUpper(p[:1]) + p[1:]} {
			for _, f := range fillers {
				for _, s := range []string{v, f + v, v + f, f + v + f} {
					if got, want := noticeKind(s), ref(s); got != want {
						t.Errorf("noticeKind(%q) = %q, want %q", s, got, want)
					}
				}
			}
		}
	}
}
