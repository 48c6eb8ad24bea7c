// Package sprig holds what ESO's vendored sprig (runtime/template/v2/sprig) changes from
// Masterminds sprig, under the same package name so Go reports its types as sprig.X.
package sprig

import (
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"strings"
)

// HashAlgorithm selects htpasswd's hash: "sha" for {SHA}, anything else bcrypt.
type HashAlgorithm string

// Htpasswd is ESO's three-argument htpasswd, over the given bcrypt.
func Htpasswd(bcrypt func(string) string) func(string, string, HashAlgorithm) string {
	return func(user, password string, alg HashAlgorithm) string {
		if strings.Contains(user, ":") {
			return fmt.Sprintf("invalid username: %s", user)
		}
		if alg == "sha" {
			sum := sha1.Sum([]byte(password))
			return fmt.Sprintf("%s:{SHA}%s", user, base64.StdEncoding.EncodeToString(sum[:]))
		}
		return fmt.Sprintf("%s:%s", user, bcrypt(password))
	}
}
