package core

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
)

func TestIsoDate(t *testing.T) {
	tests := []struct {
		in, want string
		bug      string
	}{
		// ISO 8601 and its relatives.
		{in: "2023-03-10", want: "2023-03-10"},
		// English ordinals.
		{in: "By Louis Jacobson on Monday, November 18th, 2019 at 11:04 a.m.", want: "2019-11-18"},
		{in: "Published on the 1st of March 2021", want: "2021-03-01"},
		{in: "22nd Feb 2020", want: "2020-02-22"},
		{in: "2023-03-10T08:15:00+08:00", want: "2023-03-10"},
		{in: "2023-03-10T23:59:59Z", want: "2023-03-10"},
		{in: "2023-03-10 09:12:00.0", want: "2023-03-10"},
		{in: "2023-3-9", want: "2023-03-09"},
		{in: "2023/03/10", want: "2023-03-10"},
		{in: "2023/3/9 14:30", want: "2023-03-09"},
		{in: "2023.03.10", want: "2023-03-10"},
		{in: "2023. 3. 10.", want: "2023-03-10"},
		{in: "  2023-03-10  ", want: "2023-03-10"},
		// Chinese and Japanese.
		{in: "2023年03月10日", want: "2023-03-10"},
		{in: "2023年3月9日 14:30", want: "2023-03-09"},
		{in: "2023 年 3 月 9 日", want: "2023-03-09"},
		{in: "发布时间：2023-03-10 09:12 来源：本站", want: "2023-03-10"},
		{in: "admin 于 2023年03月10日 发表", want: "2023-03-10"},
		{in: "2023年4月21日 10時30分", want: "2023-04-21"},
		// Day and month with slashes, when only one order is a date.
		{in: "发布日期： 9/17/2004 5:54:13 AM", want: "2004-09-17"},
		{in: "ΔΗΜΟΣΙΕΥΣΗ: 29/11/2011, 07:53", want: "2011-11-29"},
		{in: "05/29/2007 09:49:00", want: "2007-05-29"},
		{in: "3/4/2004", want: ""},
		{in: "12/13/14/2004", want: ""},
		// English.
		{in: "March 10, 2023", want: "2023-03-10"},
		{in: "Mar. 10, 2023", want: "2023-03-10"},
		{in: "mar 10 2023", want: "2023-03-10"},
		{in: "Sept 5, 2022", want: "2022-09-05"},
		{in: "10 March 2023", want: "2023-03-10"},
		{in: "Friday, 10 March 2023", want: "2023-03-10"},
		{in: "Posted on March 14, 2023 by Daniel Okafor", want: "2023-03-14"},
		{in: "Updated 1 Dec 2021, 10:04 GMT", want: "2021-12-01"},
		// Unix time in seconds and milliseconds.
		{in: "1678406400", want: "2023-03-10"},
		{in: "1678406400000", want: "2023-03-10"},
		{in: "951782400", want: "2000-02-29"},
		// Not dates.
		{in: "", want: ""},
		{in: "not a date", want: ""},
		{in: "09:12", want: ""},
		{in: "3 days ago", want: ""},
		{in: "2023-13-01", want: ""},
		{in: "2023-00-10", want: ""},
		{in: "1899-01-01", want: ""},
		{in: "call 2023 1234 5678", want: ""},
		{in: "2023-02-30", want: ""},
		{in: "20230310", want: "2023-03-10"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			e, bug := checker(t, tt.bug)
			defer bug.done(t)
			if got := isoDate(tt.in); got != tt.want {
				e.Errorf("isoDate(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// A line that dates the article to the month alone gives "YYYY-MM" (ISO
// 8601's month precision); one that says more, or a month in a sentence,
// gives nothing.
func TestMonthDate(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"2003年5月", "2003-05"},
		{"1998年12月号", "1998-12"},
		{"——《北京之春》1998年3月号", "1998-03"},
		{"（原载《读书》2001年7月）", "2001-07"},
		{"——原载《海港文艺》2003年5月号", "2003-05"},
		{"我希望能有更多的朋友关心这一个有意义的课题。□ ——《北京之春》1996年6月号", "1996-06"},
		{"March 2003", "2003-03"},
		{"2003年5月12日", ""},       // a day: isoDate's
		{"2003年5月，课题组开始调查。", ""}, // a month in a sentence
		{"他在2003年5月离开了北京", ""},
		{"2003年13月", ""},
		{"March 2003 was wet", ""},
	} {
		if got := monthDate(c.in); got != c.want {
			t.Errorf("monthDate(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	for _, c := range []struct {
		in   string
		want bool
	}{{"胡平", false}, {"江苏", true}, {"温州", true}, {"黄岛", true}, {"林晓", false}} {
		if got := placeName(c.in); got != c.want {
			t.Errorf("placeName(%q) = %v", c.in, got)
		}
	}
	if first, last := edgeLines("a\n\n b \nc\n\nd\ne\n", 2, 2); strings.Join(append(first, last...), "|") != "a|b|e|d" {
		t.Errorf("edgeLines = %q, %q", first, last)
	}
}

func TestCleanTitle(t *testing.T) {
	tests := []struct {
		name        string
		title, site string
		heads       []string
		want        string
		bug         string
	}{
		{name: "pipe suffix", title: "Why the Town Clock Runs Four Minutes Slow | The Millbrook Gazette", want: "Why the Town Clock Runs Four Minutes Slow"},
		{name: "dash suffix", title: "Volunteers Count the City's Street Trees - Eastbank Courier", want: "Volunteers Count the City's Street Trees"},
		{name: "en dash suffix", title: "Volunteers Count the City's Street Trees – Eastbank Courier", want: "Volunteers Count the City's Street Trees"},
		{name: "site first", title: "Eastbank Courier | Volunteers Count the City's Street Trees", want: "Volunteers Count the City's Street Trees"},
		{name: "site named", title: "Local News | Volunteers Count Trees | Eastbank Courier", site: "Eastbank Courier", want: "Volunteers Count Trees"},
		{name: "zh underscore", title: "老街区的修鞋匠：一把锥子守了四十年_城市记忆_晨光网", want: "老街区的修鞋匠：一把锥子守了四十年"},
		{name: "zh dash", title: "城南湿地公园完成生态修复-江城日报网", want: "城南湿地公园完成生态修复"},
		{name: "zh pipe", title: "全市首批智慧停车场投入使用 | 交通频道", want: "全市首批智慧停车场投入使用"},
		{name: "ja pipe", title: "商店街の空き店舗に「まちの図書室」 | 山の手新聞", want: "商店街の空き店舗に「まちの図書室」"},
		{name: "heading wins", title: "Storm Hits the Coast - Live Updates - Courier", heads: []string{"Storm Hits the Coast - Live Updates"}, want: "Storm Hits the Coast - Live Updates"},
		{name: "heading equals title", title: "Review: A Quiet Film About Noise", heads: []string{"Review: A Quiet Film About Noise"}, want: "Review: A Quiet Film About Noise"},
		{name: "no separator", title: "A Sourdough Starter in Seven Days", want: "A Sourdough Starter in Seven Days"},
		{name: "short part keeps the whole", title: "Weather | Courier", want: "Weather | Courier"},
		{name: "whitespace", title: "  A Sourdough   Starter\n in Seven Days  ", want: "A Sourdough Starter in Seven Days"},
		{
			name: "hyphenated word", title: "Self-driving Buses Start Service in the Old Town",
			want: "Self-driving Buses Start Service in the Old Town",
		},
		{
			name: "number with hyphen", title: "Covid-19 Vaccines Reach the Island's Clinics | Harbour News",
			want: "Covid-19 Vaccines Reach the Island's Clinics",
		},
		{
			name: "time with colon", title: "Council Meets at 10:30 Tonight to Vote on the Budget",
			want: "Council Meets at 10:30 Tonight to Vote on the Budget",
		},
		{
			name: "site logo in h1, headline in another", title: "江城网--财经--进口奶粉关税下调 零售价按兵不动",
			heads: []string{"江城网", "进口奶粉关税下调 零售价按兵不动"}, want: "进口奶粉关税下调 零售价按兵不动",
		},
		{
			name: "section heading first", title: "春节返乡前先做体检 | 健康频道 | 晨光新闻网",
			heads: []string{"健康频道", "春节返乡前先做体检"}, want: "春节返乡前先做体检",
		},
		{
			name: "keywords after the headline", title: "城南湿地公园完成生态修复 -湿地|生态|修复,-江城日报-环保",
			heads: []string{"城南湿地公园完成生态修复"}, want: "城南湿地公园完成生态修复",
		},
		{name: "double dash separator", title: "城南湿地公园完成生态修复――江城网", want: "城南湿地公园完成生态修复"},
		{name: "fullwidth bar", title: "夜市摊主学会了直播 ｜生活新闻｜晨光电子报", want: "夜市摊主学会了直播"},
		{
			name: "heading with its own label", title: "图说江城| 老码头变身市民公园 江城日报网-江城日报官方网站",
			heads: []string{"图说江城| 老码头变身市民公园"}, want: "老码头变身市民公园",
		},
		{
			name: "unclosed heading that swallowed the page", title: "港口新增兩條渡輪航線 - 數碼 - 晨光網",
			heads: []string{"數碼 新聞 港口新增兩條渡輪航線 2012-01-16 16:56 調整字體︰大 中 小 " + strings.Repeat("渡輪公司表示，新航線將於下月啟用，每日往返十二班。", 8)},
			want:  "港口新增兩條渡輪航線",
		},
		{
			name: "breadcrumb heading", title: "夜市攤商學直播 生意翻倍 - 晨光健康網",
			heads: []string{"晨光健康網 〉火線新聞 〉夜市攤商學直播 生意翻倍"}, want: "夜市攤商學直播 生意翻倍",
		},
		{
			name: "short headline that a site tagline outgrows", title: "金锺国 - 维基百科，自由的百科全书",
			heads: []string{"金锺国", "目录"}, want: "金锺国",
		},
		{
			name: "headline heading inside a longer title", title: "The Deck That Made Tarot Global - Atlas Obscura",
			heads: []string{"Take your next trip with us!", "The Deck That Made Tarot Global"}, want: "The Deck That Made Tarot Global",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, bug := checker(t, tt.bug)
			defer bug.done(t)
			if got := cleanTitle(tt.title, tt.site, tt.heads); got != tt.want {
				e.Errorf("cleanTitle(%q, %q, %q) = %q, want %q", tt.title, tt.site, tt.heads, got, tt.want)
			}
		})
	}
}

// A blog's posting line names its poster at the label, or in a byline.
func TestPostedBy(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"[湖湘文化] 陈天华《警世钟》 ggjjzhzz 发表于 2005-9-15 11:46:00", "ggjjzhzz"},
		{"由海姑娘张贴 @ 2005-06-14 03:25:55 (370) 共 11 篇评论", "海姑娘"},
		{"作者:zboygirl 阅读(1660) 评论(5) 编辑 发表于:2005-07-31 12:30", "zboygirl"},
		{"岳麓山下的秋天 dtyy 发表于 2005-9-15 11:46:00", "dtyy"},
		{"张三 于 2005年1月1日 发表", "张三"},
		{"本文发表于 2005-01-01", ""},
		{"最后编辑 发表于 2005-01-01", ""},
		{"发表于 2005-01-01 12:00", ""},
		{`作者： size="20" 来源： size="20" 发布日期： 9/17/2004 5:54:13 AM`, ""},
	} {
		if got := postedBy(c.in); got != c.want {
			t.Errorf("postedBy(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestBylineFromLine(t *testing.T) {
	tests := []struct {
		in, want string
		bug      string
	}{
		{in: "By Jane Doe", want: "Jane Doe"},
		{in: "by Jane Doe | March 3, 2023", want: "Jane Doe"},
		{in: "By Jane Doe, Staff Writer", want: "Jane Doe"},
		{in: "BY JANE DOE", want: "JANE DOE"},
		{in: "By Tomas Verhoeven · 4 min read", want: "Tomas Verhoeven"},
		{in: "Von Max Mustermann", want: "Max Mustermann"},
		{in: "par Jean Dupont", want: "Jean Dupont"},
		{in: "作者：张三", want: "张三"},
		{in: "作者: 张三", want: "张三"},
		{in: "本报记者 王五", want: "王五"},
		{in: "（记者 赵六）", want: "赵六"},
		{in: "编辑：王小明 审核：李华", want: "王小明"},
		{in: "admin 于 2023-03-10 发布", want: "admin"},
		{in: "小编 于 2023年03月10日 发表", want: "小编"},
		{in: "Byron Bay is beautiful in spring", want: ""},
		{in: "The weather was cold", want: ""},
		{in: "", want: ""},
		{
			in: "来源：江城日报 记者：周晓岚", want: "周晓岚",
		},
		{
			in: "駅前の商店街にある元文房具店の空き店舗が図書室になった。", want: "",
		},
		{
			in: "Posted on March 14, 2023 by Daniel Okafor", want: "Daniel Okafor",
		},
		{
			in: "By the end of the week, the river had risen two metres.", want: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			e, bug := checker(t, tt.bug)
			defer bug.done(t)
			if got := bylineFromLine(tt.in); got != tt.want {
				e.Errorf("bylineFromLine(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestBylineClassWords checks that class names holding "author" inside
// another word do not mark an author: Wikipedia closes articles with an
// "authority-control" box, which once became the byline.
func TestBylineClassWords(t *testing.T) {
	for _, tt := range []struct {
		class string
		want  bool
	}{
		{"byline", true},
		{"post-author", true},
		{"authorName", true},
		{"article__authors", true},
		{"navbox authority-control", false},
		{"authorization-panel", false},
		{"authorise", false},
	} {
		if got := wordBits(tt.class)&clsByline != 0; got != tt.want {
			t.Errorf("wordBits(%q) byline = %v, want %v", tt.class, got, tt.want)
		}
	}
	page := `<html><head><title>Hermitian forms</title></head><body><div id="content"><h1>Hermitian forms</h1>` +
		strings.Repeat(`<p>A Hermitian form on a complex vector space is linear in one argument and conjugate-linear in the other, and it takes real values on the diagonal.</p>`, 6) +
		`<div class="navbox authority-control"><a href="/help">Authority control</a> <a href="/q">Q1</a></div></div></body></html>`
	a, err := New(Options{}).Extract(Input{HTML: []byte(page)})
	if err != nil {
		t.Fatal(err)
	}
	if a.Byline != "" {
		t.Errorf("byline %q from an authority-control box, want none", a.Byline)
	}
}

// TestBylineAround checks the sign-off lines at the end of a Chinese report:
// a reporter named there beats a source named near the title, and prose
// that mentions a reporter names no one.
func TestBylineAround(t *testing.T) {
	for _, tt := range []struct {
		head, end []string
		want      string
	}{
		{nil, []string{"新京报记者 彭冲 山东冠县报道"}, "彭冲"},
		{nil, []string{"（姚峰 上海报道）"}, "姚峰"},
		{nil, []string{"整合 新华日报·交汇点记者 徐睿翔"}, "徐睿翔"},
		{nil, []string{"新华网黑龙江频道  记者  伊琳  李清芬"}, "伊琳  李清芬"},
		{[]string{"来源：新华网"}, []string{"□ 本报记者 葛灵丹"}, "葛灵丹"},
		{[]string{"来源：新华网"}, nil, "新华网"},
		{[]string{"作者：张三"}, []string{"新京报记者 彭冲 山东冠县报道"}, "张三"},
		// A link that says 记者 and names no one does not end the search.
		{[]string{"记者博客", "联系记者", "顶端新闻·河南商报记者马俊峰/文受访者供图"}, nil, "马俊峰"},
		{nil, []string{"记者日前从国务院食品安全办获悉，今年将开展专项整治。"}, ""},
		{nil, []string{"医务工作者主动带头献血"}, ""},
		// A sign-off that closes a long last paragraph.
		{nil, []string{"省工业和信息化厅相关负责人表示，我省将持续优化政策环境，充分发挥试点示范的引领作用，推动云南工业高质量发展。（记者 胡晓蓉）"}, "胡晓蓉"},
		{nil, []string{"记者日前从国务院食品安全办获悉，今年将在全国范围内开展专项整治行动，重点整治农村市场的假冒伪劣食品。"}, ""},
		// Names alone in brackets closing the article, and what is not.
		{nil, []string{"到头来，一位自甘穷酸的外科医生。（袁源）"}, "袁源"},
		{nil, []string{"过一个平安、祥和、温馨、廉洁的新春佳节。（常书香 马丹阳 ）"}, "常书香 马丹阳"},
		{nil, []string{"記者張志雄 張梓嘉 嘉義報導"}, "張志雄 張梓嘉"},
		{nil, []string{"提供寶寶最完善的呵護。（林歆芳攝）"}, ""},
		{nil, []string{"会议将于明年召开。（新华社）"}, ""},
		{nil, []string{"问题还有很多。（待续）"}, ""},
		{nil, []string{"下面是本书的内容。（简介）"}, ""},
		{nil, []string{"本届展会为期三天。（温州）"}, ""},
		{nil, []string{"这是他们的第三次合作（李白 杜甫 白居易 王维 孟浩然）"}, ""},
	} {
		if got := bylineAround(tt.head, tt.end); got != tt.want {
			t.Errorf("bylineAround(%q, %q) = %q, want %q", tt.head, tt.end, got, tt.want)
		}
	}
}

// The byline patterns are only run on lines that hold one of their
// literals: on any line, that must give what running them gives.
func TestBylinePatternsPrefilter(t *testing.T) {
	pieces := []string{"作者", "记者", "記者", "撰文", "文", "编辑", "編輯", "来源", "來源", "于", "بقلم", "كتبت", "كتب",
		"Автор", "автор", "Текст", "текст", "王小明", "Иван Петров", "محمد علي", "2023", "By ", "John Smith", " ", "：", "·", "/", "(", "x"}
	rng := rand.New(rand.NewSource(4))
	var lines []string
	for i := 0; i < 5000; i++ {
		var b strings.Builder
		for n := 1 + rng.Intn(6); n > 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		lines = append(lines, b.String())
	}
	pats := append(append([]bylinePattern{yuPat}, personPat...), editorPat...)
	for _, l := range lines {
		for _, p := range pats {
			if got, want := p.find(l, isASCIIString(l)), p.re.FindStringSubmatch(l); !slices.Equal(got, want) {
				t.Fatalf("%v on %q: %q, want %q", p.re, l, got, want)
			}
		}
	}
}

func TestSetMeta(t *testing.T) {
	m := &metaSource{meta: make(map[string]string)}
	m.setMeta("og:title twitter:title", "Rail fares frozen")
	m.setMeta("dc:description", "Fares stay as they are")
	m.setMeta("og:description", "That&#039;s the &quot;freeze&quot;")
	m.setMeta("og:title", "A later og:title")
	for k, want := range map[string]string{
		"og:title":       "Rail fares frozen", // the first one stays
		"twitter:title":  "Rail fares frozen",
		"dc.description": "Fares stay as they are",
		"og:description": `That's the "freeze"`,
	} {
		if got := m.meta[k]; got != want {
			t.Errorf("meta[%q] = %q, want %q", k, got, want)
		}
	}
}

func TestBylineTidy(t *testing.T) {
	for in, want := range map[string]string{
		"By Corey Kilgannon":             "Corey Kilgannon",
		"BY: Ana Ruiz":                   "Ana Ruiz",
		"Nicolas Perriault —":            "Nicolas Perriault",
		"Byron Katie":                    "Byron Katie", // a name that starts with "By"
		"Theresa May":                    "Theresa May",
		"| Jamal Khan, Reuters":          "Jamal Khan, Reuters",
		"Aleš Vávra před 2 hodinami":     "Aleš Vávra",
		"Sarah Gooding March 9, 2017 13": "Sarah Gooding",
		"Last Updated: January 7, 2025":  "",
		"3AW Breakfast":                  "3AW Breakfast", // a digit first: no date after a name
		"Jane Roe 3:45 PM":               "Jane Roe",
		"(AFP)":                          "AFP",
		"（新华社记者 王明）":                     "新华社记者 王明",
		"史蒂文的家_藍天 (stevenhgm)":           "史蒂文的家_藍天 (stevenhgm)",
		// the date in an element of its own: its leading words stay behind
		"Joe Wee Monday":                      "Joe Wee",
		"Published on Thursday":               "",
		"Dan Goodin - Apr 16, 2015 8:02 pm":   "Dan Goodin",
		"Elliot Brownstein Published 9:13 am": "Elliot Brownstein",
		"express1":                            "", // a date or a number, no name
	} {
		if got := tidyByline(in); got != want {
			t.Errorf("tidyByline(%q) = %q, want %q", in, got, want)
		}
	}
	// A month that opens the date after the name is not part of it; a
	// name that is also a month, without a date after it, is.
	for in, want := range map[string]string{
		"By Steven Musil January 4, 2017 2:45 PM PST": "Steven Musil",
		"By Joshua Sokol May 18, 2017":                "Joshua Sokol",
		"By Theresa May":                              "Theresa May",
		"By Theresa May, Prime Minister":              "Theresa May",
	} {
		if got := bylineFromLine(in); got != want {
			t.Errorf("bylineFromLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNotANameAndOutlets(t *testing.T) {
	for b, want := range map[string]bool{
		"L_104485": true,
		"2804":     true,
		"www.yunnan.cn,云南日报报业集团,云南网":            true,
		"Page published at 2012-01-12 16:56:29": true,
		"Bradley M. Kuhn":                       false,
		"胡晓蓉":                                   false,
	} {
		if got := notAName(b); got != want {
			t.Errorf("notAName(%q) = %v, want %v", b, got, want)
		}
	}
	for b, want := range map[string]bool{"网易": true, "河南日报客户端": true, "大汉网络": true, "胡晓蓉": false, "Reuters": false} {
		if got := isOutlet(b); got != want {
			t.Errorf("isOutlet(%q) = %v, want %v", b, got, want)
		}
	}
}
