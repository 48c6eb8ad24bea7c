// Package controllers holds the oracle's copy of the shape addon-controller gives its
// templates. It lives in a package named controllers so that Go prints the type exactly as
// production does: *controllers.currentClusterObjects.
package controllers

// currentClusterObjects mirrors addon-controller's template root (a struct pointer).
type currentClusterObjects struct {
	Cluster                map[string]interface{}
	KubeadmControlPlane    map[string]interface{}
	InfrastructureProvider map[string]interface{}
	MgmtResources          map[string]map[string]interface{}
}

// Root is the exported handle of the root; templates see *currentClusterObjects.
type Root = *currentClusterObjects

// NewRoot builds the root from decoded JSON the way addon-controller fills it: fields that
// are absent or not objects stay nil maps.
func NewRoot(v interface{}) Root {
	r := &currentClusterObjects{}
	m, _ := v.(map[string]interface{})
	asMap := func(x interface{}) map[string]interface{} { mm, _ := x.(map[string]interface{}); return mm }
	r.Cluster = asMap(m["Cluster"])
	r.KubeadmControlPlane = asMap(m["KubeadmControlPlane"])
	r.InfrastructureProvider = asMap(m["InfrastructureProvider"])
	if mr := asMap(m["MgmtResources"]); mr != nil {
		r.MgmtResources = map[string]map[string]interface{}{}
		for k, e := range mr {
			r.MgmtResources[k] = asMap(e)
		}
	}
	return r
}

// Resource returns MgmtResources[id] of a root.
func Resource(r Root, id string) (map[string]interface{}, bool) {
	if r == nil {
		return nil, false
	}
	u, ok := r.MgmtResources[id]
	return u, ok
}
