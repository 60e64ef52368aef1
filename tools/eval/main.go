// Command eval scores cleanread on the evaluation corpus: it writes one
// prediction per page (the CLI's -f text), runs the corpus's scorer over
// them and prints its table, then the worst pages with what was lost and
// what was kept extra.
//
//	go run ./tools/eval [-corpus ../shared/corpus] [-pred eval-out/pred] [-cli bin/cleanread]
//
// With -cli, the predictions come from that binary, run once over the whole
// corpus (`cleanread -f text -j N -o DIR SET...`): this is what `make eval`
// does. Without it the extractor runs in this process, which is quicker to
// iterate with (-sets narrows the corpus). Both write the same text: the
// in-process run goes through cli.Render, as the CLI does.
//
// The corpus and its scorer are evaluation data beside the repository
// (../shared); nothing from them is copied into it.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cleanread/cleanread/core"
	"github.com/cleanread/cleanread/internal/cli"
)

// doc is one corpus page.
type doc struct{ set, id string }

func (d doc) source(corpus string) string {
	return filepath.Join(corpus, d.set, d.id, "source.html")
}

type config struct {
	corpus, pred, scorer, cliBin string
	sets                         []string
	jobs, worst                  int
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	var c config
	var sets string
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.corpus, "corpus", "../shared/corpus", "corpus `DIR`: DIR/<set>/<id>/{source.html,expected.txt}")
	fs.StringVar(&c.pred, "pred", "eval-out/pred", "where predictions are written, as `DIR`/<set>/<id>.txt (its <set> folders are replaced)")
	fs.StringVar(&c.scorer, "scorer", "", "`DIR` holding score.go (default: the corpus's sibling eval/)")
	fs.StringVar(&c.cliBin, "cli", "", "predict with this cleanread `binary` instead of in-process")
	fs.StringVar(&sets, "sets", "", "comma-separated sets (default: all)")
	fs.IntVar(&c.jobs, "j", runtime.NumCPU(), "parallel extractions")
	fs.IntVar(&c.worst, "worst", 15, "how many of the worst pages to report")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if sets != "" {
		c.sets = strings.Split(sets, ",")
	}
	if c.scorer == "" {
		c.scorer = filepath.Join(filepath.Dir(filepath.Clean(c.corpus)), "eval")
	}
	if err := c.absolute(); err != nil {
		fmt.Fprintf(stderr, "eval: %v\n", err)
		return 1
	}
	if err := evaluate(c, stdout, stderr); err != nil {
		fmt.Fprintf(stderr, "eval: %v\n", err)
		return 1
	}
	return 0
}

// absolute makes the paths absolute (the scorer runs in its own directory)
// and checks that the corpus and scorer are there.
func (c *config) absolute() error {
	for _, p := range []*string{&c.corpus, &c.pred, &c.scorer} {
		abs, err := filepath.Abs(*p)
		if err != nil {
			return err
		}
		*p = abs
	}
	if c.cliBin != "" {
		abs, err := filepath.Abs(c.cliBin)
		if err != nil {
			return err
		}
		c.cliBin = abs
	}
	if st, err := os.Stat(c.corpus); err != nil || !st.IsDir() {
		return fmt.Errorf("no corpus at %s (the evaluation data lives in ../shared beside the repository; set -corpus)", c.corpus)
	}
	if _, err := os.Stat(filepath.Join(c.scorer, "score.go")); err != nil {
		return fmt.Errorf("no scorer at %s/score.go (set -scorer)", c.scorer)
	}
	return nil
}

func evaluate(c config, stdout, stderr io.Writer) error {
	docs, sets, err := listDocs(c.corpus, c.sets)
	if err != nil {
		return err
	}
	for _, s := range sets {
		if err := os.RemoveAll(filepath.Join(c.pred, s)); err != nil {
			return err
		}
	}
	start := time.Now()
	var failed []string
	if c.cliBin != "" {
		failed, err = predictWithCLI(c, sets)
	} else {
		failed, err = predictInProcess(c, docs)
	}
	if err != nil {
		return err
	}
	elapsed := time.Since(start)
	how := "in-process"
	if c.cliBin != "" {
		how = filepath.Base(c.cliBin)
	}
	fmt.Fprintf(stdout, "%d pages in %.1fs (%.0f pages/s, %s, -j %d); %d failed\n",
		len(docs), elapsed.Seconds(), float64(len(docs))/elapsed.Seconds(), how, c.jobs, len(failed))
	for i, f := range failed {
		if i == 10 {
			fmt.Fprintf(stdout, "  ... and %d more\n", len(failed)-10)
			break
		}
		fmt.Fprintf(stdout, "  %s\n", f)
	}
	fmt.Fprintln(stdout)

	tsv := filepath.Join(filepath.Dir(c.pred), "scores.tsv")
	if err := score(c, sets, tsv, stdout, stderr); err != nil {
		return err
	}
	return reportWorst(c, tsv, stdout)
}

// listDocs lists the pages of the chosen sets (all when sets is empty).
func listDocs(corpus string, sets []string) ([]doc, []string, error) {
	if len(sets) == 0 {
		entries, err := os.ReadDir(corpus)
		if err != nil {
			return nil, nil, err
		}
		for _, e := range entries {
			if e.IsDir() {
				sets = append(sets, e.Name())
			}
		}
	}
	var docs []doc
	for _, s := range sets {
		entries, err := os.ReadDir(filepath.Join(corpus, s))
		if err != nil {
			return nil, nil, err
		}
		for _, e := range entries {
			d := doc{s, e.Name()}
			if _, err := os.Stat(d.source(corpus)); err == nil {
				docs = append(docs, d)
			}
		}
	}
	if len(docs) == 0 {
		return nil, nil, fmt.Errorf("no <set>/<id>/source.html pages in %s", corpus)
	}
	return docs, sets, nil
}

// predictInProcess extracts every page with one shared extractor and
// returns the failures as "set/id: message".
func predictInProcess(c config, docs []doc) ([]string, error) {
	ex := core.New(core.Options{})
	errs := make([]error, len(docs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range c.jobs {
		wg.Go(func() {
			for i := range next {
				errs[i] = predictOne(ex, c, docs[i])
			}
		})
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	var failed []string
	for i, err := range errs {
		if err != nil {
			failed = append(failed, fmt.Sprintf("%s/%s: %v", docs[i].set, docs[i].id, err))
		}
	}
	return failed, nil
}

func predictOne(ex *core.Extractor, c config, d doc) error {
	page, err := os.ReadFile(d.source(c.corpus))
	if err != nil {
		return err
	}
	a, err := ex.Extract(core.Input{HTML: page})
	if err != nil {
		return err
	}
	out := filepath.Join(c.pred, d.set, d.id+".txt")
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	return os.WriteFile(out, cli.Render("text", d.id, a, nil), 0o644)
}

// predictWithCLI runs the binary once over the set directories, writing
// <tmp>/<set>/<id>/source.txt, and moves each to <pred>/<set>/<id>.txt.
// The binary exits 1 when some pages fail; those are reported, not fatal.
func predictWithCLI(c config, sets []string) ([]string, error) {
	tmp := c.pred + ".cli"
	if err := os.RemoveAll(tmp); err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	args := append([]string{"-f", "text", "-j", strconv.Itoa(c.jobs), "-o", tmp, "--"}, sets...)
	cmd := exec.Command(c.cliBin, args...)
	cmd.Dir = c.corpus
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == cli.ExitFailed) {
		return nil, fmt.Errorf("%s: %v\n%s", c.cliBin, err, stderr.String())
	}
	var failed []string
	for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
		if line != "" {
			failed = append(failed, strings.TrimPrefix(line, "cleanread: "))
		}
	}
	err = filepath.WalkDir(tmp, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "source.txt" {
			return err
		}
		rel, err := filepath.Rel(tmp, filepath.Dir(p)) // <set>/<id>
		if err != nil {
			return err
		}
		out := filepath.Join(c.pred, rel+".txt")
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.Rename(p, out)
	})
	return failed, err
}

// score runs the corpus's scorer, which prints the table, and has it write
// the per-page rows to tsv.
func score(c config, sets []string, tsv string, stdout, stderr io.Writer) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "run", "score.go", "-corpus", c.corpus, "-pred", c.pred, "-tsv", tsv, "-sets", strings.Join(sets, ","))
	cmd.Dir = c.scorer
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("scorer: %v", err)
	}
	return nil
}

// row is one line of the scorer's TSV.
type row struct {
	set, id   string
	p, r, f1  float64
	gold, got int
}

// reportWorst prints the pages with the lowest F1, each with the start of
// what was lost (in the expected text, not predicted) and of what was kept
// extra (predicted, not expected).
func reportWorst(c config, tsv string, w io.Writer) error {
	rows, err := readTSV(tsv)
	if err != nil {
		return err
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].f1 < rows[j].f1 })
	if len(rows) > c.worst {
		rows = rows[:c.worst]
	}
	fmt.Fprintf(w, "\nworst %d pages (per-page scores in %s):\n", len(rows), tsv)
	for _, r := range rows {
		gold, _ := os.ReadFile(filepath.Join(c.corpus, r.set, r.id, "expected.txt"))
		pred, _ := os.ReadFile(filepath.Join(c.pred, r.set, r.id+".txt"))
		lost, extra := diff(tokenize(string(gold)), tokenize(string(pred)))
		fmt.Fprintf(w, "%.3f  P %.2f R %.2f  %s/%s  (%d expected tokens, %d predicted)\n", r.f1, r.p, r.r, r.set, r.id, r.gold, r.got)
		if lost != "" {
			fmt.Fprintf(w, "       lost:  %s\n", lost)
		}
		if extra != "" {
			fmt.Fprintf(w, "       extra: %s\n", extra)
		}
	}
	return nil
}

func readTSV(name string) ([]row, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows []row
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		col := strings.Split(sc.Text(), "\t")
		if len(col) < 7 || col[0] == "set" {
			continue
		}
		num := func(i int) float64 { v, _ := strconv.ParseFloat(col[i], 64); return v }
		rows = append(rows, row{set: col[0], id: col[1], gold: int(num(2)), got: int(num(3)), p: num(4), r: num(5), f1: num(6)})
	}
	return rows, sc.Err()
}
