// oracle renders Go text/template with JSON data, for differential testing of Flotilla's
// TypeScript engine. Built with the Go and sprig versions production Sveltos and ESO use
// (see go.mod). Protocol: README.md beside this file.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/template"
	"time"

	"flotilla.dev/template-oracle/controllers"
)

// Case is one batch request (one JSON object per input line).
type Case struct {
	ID         string          `json:"id"`
	Name       string          `json:"name"`
	Template   string          `json:"template"`
	Data       json.RawMessage `json:"data"`
	MissingKey string          `json:"missingkey"` // default|zero|error ("" = default)
	Funcs      string          `json:"funcs"`      // builtins|sprig|sveltos|eso ("" = builtins)
	Root       string          `json:"root"`       // "" (JSON value) | "sveltos" | "stringmap" (ESO)
	Left       string          `json:"left"`
	Right      string          `json:"right"`
}

// Result is one batch answer.
type Result struct {
	ID     string `json:"id"`
	Output string `json:"output"`
	Phase  string `json:"phase"` // "" ok | parse | exec | data | setup | panic
	Error  string `json:"error"`
}

var numbersFlag = flag.String("numbers", "k8s", "JSON number decoding: k8s (int64 if integral else float64) | float64")

// decodeJSON decodes like k8s unstructured: integral numbers -> int64, others -> float64.
func decodeJSON(raw []byte, numbers string) (interface{}, error) {
	if len(bytes.TrimSpace(raw)) == 0 {
		return nil, nil
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v interface{}
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	return convertNumbers(v, numbers), nil
}

func convertNumbers(v interface{}, mode string) interface{} {
	switch t := v.(type) {
	case map[string]interface{}:
		for k, e := range t {
			t[k] = convertNumbers(e, mode)
		}
		return t
	case []interface{}:
		for i, e := range t {
			t[i] = convertNumbers(e, mode)
		}
		return t
	case json.Number:
		if mode == "float64" {
			f, _ := t.Float64()
			return f
		}
		if i, err := strconv.ParseInt(string(t), 10, 64); err == nil {
			return i
		}
		f, _ := t.Float64()
		return f
	}
	return v
}

// build parses the case's template with its profile and prepares its data.
func build(c *Case) (*template.Template, interface{}, *Result) {
	name := c.Name
	if name == "" {
		name = "tpl"
	}
	t := template.New(name)
	if c.MissingKey != "" {
		t = t.Option("missingkey=" + c.MissingKey)
	}
	prof := c.Funcs
	if prof == "" {
		prof = "builtins"
	}
	mk, ok := profiles[prof]
	if !ok {
		return nil, nil, &Result{ID: c.ID, Phase: "setup", Error: "unknown funcs profile " + prof}
	}
	data, err := decodeJSON(c.Data, *numbersFlag)
	if err != nil {
		return nil, nil, &Result{ID: c.ID, Phase: "data", Error: err.Error()}
	}
	fm := mk()
	switch c.Root {
	case "sveltos":
		r := controllers.NewRoot(data)
		if prof == "sveltos" {
			addSveltosResourceFuncs(fm, r)
		}
		data = r
	case "stringmap": // ESO: map[string]string
		sm := map[string]string{}
		if m, ok := data.(map[string]interface{}); ok {
			for k, v := range m {
				sm[k] = fmt.Sprint(v)
			}
		}
		data = sm
	}
	t = t.Funcs(fm)
	if c.Left != "" || c.Right != "" {
		t = t.Delims(c.Left, c.Right)
	}
	if _, err := t.Parse(c.Template); err != nil {
		return nil, nil, &Result{ID: c.ID, Phase: "parse", Error: err.Error()}
	}
	return t, data, nil
}

func run(c *Case) (res Result) {
	t, data, r := build(c)
	if r != nil {
		return *r
	}
	var buf bytes.Buffer
	defer func() {
		if p := recover(); p != nil {
			res = Result{ID: c.ID, Output: buf.String(), Phase: "panic", Error: fmt.Sprint(p)}
		}
	}()
	err := t.Execute(&buf, data)
	res = Result{ID: c.ID, Output: buf.String()}
	if err != nil {
		res.Phase, res.Error = "exec", err.Error()
	}
	return res
}

func runBatch() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for in.Scan() {
		line := strings.TrimSpace(in.Text())
		if line == "" {
			continue
		}
		var c Case
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			enc.Encode(Result{Phase: "input", Error: err.Error()})
			continue
		}
		enc.Encode(run(&c))
	}
	out.Flush()
}

// runBench parses once and executes n times, printing per-execution and per-parse times.
func runBench(c *Case, n int) {
	t, data, r := build(c)
	if r != nil {
		fmt.Fprintln(os.Stderr, r.Phase+": "+r.Error)
		os.Exit(2)
	}
	var buf bytes.Buffer
	for i := 0; i < n/10+1; i++ { // warm-up
		buf.Reset()
		t.Execute(&buf, data)
	}
	start := time.Now()
	for i := 0; i < n; i++ {
		buf.Reset()
		if err := t.Execute(&buf, data); err != nil {
			fmt.Fprintln(os.Stderr, "exec:", err)
			os.Exit(3)
		}
	}
	el := time.Since(start)
	fmt.Fprintf(os.Stderr, "executions=%d total=%v per_exec_us=%.3f output_bytes=%d\n", n, el, float64(el.Nanoseconds())/float64(n)/1000, buf.Len())
	pn := max(n/10, 1)
	fm := profiles[c.Funcs]()
	pstart := time.Now()
	for i := 0; i < pn; i++ {
		tt := template.New(c.Name).Option("missingkey=error").Funcs(fm)
		tt.Parse(c.Template)
	}
	pel := time.Since(pstart)
	fmt.Fprintf(os.Stderr, "parses=%d per_parse_us=%.3f\n", pn, float64(pel.Nanoseconds())/float64(pn)/1000)
}

func main() {
	batch := flag.Bool("batch", false, "read JSON Case objects, one per line, from stdin; write JSON Results")
	bench := flag.Int("bench", 0, "parse once, execute N times, print timings to stderr")
	missing := flag.String("missingkey", "", "default|zero|error")
	funcs := flag.String("funcs", "builtins", "builtins|sprig|sveltos|eso")
	root := flag.String("root", "", "''|sveltos|stringmap")
	name := flag.String("name", "tpl", "template name")
	flag.Parse()

	if *batch {
		runBatch()
		return
	}
	if flag.NArg() < 1 {
		fmt.Fprintln(os.Stderr, "usage: oracle [-missingkey=error] [-funcs=sprig] [-root=sveltos] [-bench N] TEMPLATE_FILE [DATA_JSON_FILE|-]")
		os.Exit(64)
	}
	tb, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(66)
	}
	var db []byte
	if flag.NArg() > 1 {
		if flag.Arg(1) == "-" {
			db, err = io.ReadAll(os.Stdin)
		} else {
			db, err = os.ReadFile(flag.Arg(1))
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(66)
		}
	}
	c := &Case{Name: *name, Template: string(tb), Data: db, MissingKey: *missing, Funcs: *funcs, Root: *root}
	if *bench > 0 {
		runBench(c, *bench)
		return
	}
	r := run(c)
	os.Stdout.WriteString(r.Output)
	if r.Error != "" {
		fmt.Fprintf(os.Stderr, "%s error: %s\n", r.Phase, r.Error)
		if r.Phase == "parse" {
			os.Exit(2)
		}
		os.Exit(3)
	}
}
