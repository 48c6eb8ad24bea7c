package main

// Function profiles: sprig v3.3.0 as Sveltos and ESO use it, plus their extras, re-implemented
// here from the documented behaviour of libsveltos' funcmap, addon-controller's resource
// closures and ESO's template engine v2 (see shared/reference/gotemplate.md §3).

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"text/template"

	"github.com/BurntSushi/toml"
	"github.com/Masterminds/sprig/v3"
	"sigs.k8s.io/yaml"

	"flotilla.dev/template-oracle/controllers"
)

var profiles = map[string]func() template.FuncMap{
	"builtins": func() template.FuncMap { return template.FuncMap{} },
	"sprig":    func() template.FuncMap { return sprig.TxtFuncMap() },
	"sveltos":  sveltosFuncs,
	"eso":      esoFuncs,
}

// libsveltos lib/funcmap extras
func toYAML(v interface{}) string {
	data, err := yaml.Marshal(v)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(string(data), "\n")
}
func fromYAML(str string) map[string]interface{} {
	m := map[string]interface{}{}
	if err := yaml.Unmarshal([]byte(str), &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}
func fromYAMLArray(str string) []interface{} {
	a := []interface{}{}
	if err := yaml.Unmarshal([]byte(str), &a); err != nil {
		a = []interface{}{err.Error()}
	}
	return a
}
func toTOML(v interface{}) string {
	b := bytes.NewBuffer(nil)
	if err := toml.NewEncoder(b).Encode(v); err != nil {
		return err.Error()
	}
	return b.String()
}
func fromTOML(str string) map[string]interface{} {
	m := map[string]interface{}{}
	if err := toml.Unmarshal([]byte(str), &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}
func toJSON(v interface{}) string {
	data, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(data)
}
func fromJSON(str string) map[string]interface{} {
	m := map[string]interface{}{}
	if err := json.Unmarshal([]byte(str), &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}
func fromJSONArray(str string) []interface{} {
	a := []interface{}{}
	if err := json.Unmarshal([]byte(str), &a); err != nil {
		a = []interface{}{err.Error()}
	}
	return a
}

func sveltosFuncs() template.FuncMap {
	fm := sprig.TxtFuncMap()
	for k, v := range map[string]interface{}{
		"toToml": toTOML, "fromToml": fromTOML, "toYaml": toYAML, "fromYaml": fromYAML,
		"fromYamlArray": fromYAMLArray, "toJson": toJSON, "fromJson": fromJSON, "fromJsonArray": fromJSONArray,
	} {
		fm[k] = v
	}
	return fm
}

func hexdecode(v string) string {
	data, err := hex.DecodeString(v)
	if err != nil {
		return err.Error()
	}
	return string(data)
}

// esoFuncs: ESO's vendored sprig minus env/expandenv/getHostByName, plus hexdec, toYaml,
// fromYaml, and the certificate/key helpers of eso.go.
func esoFuncs() template.FuncMap {
	fm := sprig.TxtFuncMap()
	delete(fm, "env")
	delete(fm, "expandenv")
	delete(fm, "getHostByName")
	fm["hexdec"] = hexdecode
	fm["toYaml"] = toYAML
	fm["fromYaml"] = fromYAML
	addEsoCertFuncs(fm)
	return fm
}

// minimal equivalents of the k8s unstructured helpers used by the Sveltos resource funcs
func deepCopyJSONValue(x interface{}) interface{} {
	switch x := x.(type) {
	case map[string]interface{}:
		if x == nil {
			return x
		}
		c := make(map[string]interface{}, len(x))
		for k, v := range x {
			c[k] = deepCopyJSONValue(v)
		}
		return c
	case []interface{}:
		if x == nil {
			return x
		}
		c := make([]interface{}, len(x))
		for i, v := range x {
			c[i] = deepCopyJSONValue(v)
		}
		return c
	case string, int64, bool, float64, nil, json.Number:
		return x
	default:
		panic(fmt.Errorf("cannot deep copy %T", x))
	}
}
func nestedFieldNoCopy(obj map[string]interface{}, fields ...string) (interface{}, bool, error) {
	var val interface{} = obj
	for i, field := range fields {
		if val == nil {
			return nil, false, nil
		}
		if m, ok := val.(map[string]interface{}); ok {
			val, ok = m[field]
			if !ok {
				return nil, false, nil
			}
		} else {
			return nil, false, fmt.Errorf("%v accessor error: %v is of the type %T, expected map[string]interface{}", strings.Join(fields[:i+1], "."), val, val)
		}
	}
	return val, true, nil
}
func setNestedField(obj map[string]interface{}, value interface{}, fields ...string) error {
	value = deepCopyJSONValue(value)
	m := obj
	for i, field := range fields[:len(fields)-1] {
		if val, ok := m[field]; ok {
			if valMap, ok := val.(map[string]interface{}); ok {
				m = valMap
			} else {
				return fmt.Errorf("value cannot be set because %v is not a map[string]interface{}", strings.Join(fields[:i+1], "."))
			}
		} else {
			newVal := make(map[string]interface{})
			m[field] = newVal
			m = newVal
		}
	}
	m[fields[len(fields)-1]] = value
	return nil
}
func removeNestedField(obj map[string]interface{}, fields ...string) {
	m := obj
	for _, field := range fields[:len(fields)-1] {
		if x, ok := m[field].(map[string]interface{}); ok {
			m = x
		} else {
			return
		}
	}
	delete(m, fields[len(fields)-1])
}
func resetFields(u map[string]interface{}) map[string]interface{} {
	removeNestedField(u, "metadata", "managedFields")
	removeNestedField(u, "metadata", "resourceVersion")
	removeNestedField(u, "metadata", "uid")
	return u
}

// addSveltosResourceFuncs adds addon-controller's closures over the template root.
func addSveltosResourceFuncs(fm template.FuncMap, root controllers.Root) {
	get := func(id string) (map[string]interface{}, bool) { return controllers.Resource(root, id) }
	fm["getResource"] = func(id string) map[string]interface{} {
		u, ok := get(id)
		if !ok {
			return nil
		}
		return resetFields(u)
	}
	fm["copy"] = func(id string) string {
		u, ok := get(id)
		if !ok {
			return ""
		}
		return toYAML(resetFields(u))
	}
	fm["getField"] = func(id string, fields string) interface{} {
		u, ok := get(id)
		if !ok {
			return ""
		}
		v, present, err := nestedFieldNoCopy(u, strings.Split(fields, ".")...)
		if err != nil || !present {
			return ""
		}
		return deepCopyJSONValue(v)
	}
	fm["removeField"] = func(id, fields string) string {
		u, ok := get(id)
		if !ok {
			return ""
		}
		removeNestedField(u, strings.Split(fields, ".")...)
		return toYAML(resetFields(u))
	}
	fm["setField"] = func(id, fields string, value interface{}) string {
		u, ok := get(id)
		if !ok {
			return ""
		}
		if err := setNestedField(u, value, strings.Split(fields, ".")...); err != nil {
			return ""
		}
		return toYAML(resetFields(u))
	}
	fm["chainRemoveField"] = func(u map[string]interface{}, fields string) map[string]interface{} {
		removeNestedField(u, strings.Split(fields, ".")...)
		return u
	}
	fm["chainSetField"] = func(u map[string]interface{}, fields string, value interface{}) map[string]interface{} {
		if err := setNestedField(u, value, strings.Split(fields, ".")...); err != nil {
			return nil
		}
		return u
	}
}
