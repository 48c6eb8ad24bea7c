package main

// ESO v2's certificate and key helpers (runtime/template/v2: pkcs12.go, pem.go, pem_chain.go,
// jwk.go, decrypt.go) and its vendored sprig's three-argument htpasswd, written here from
// their documented behaviour on the same libraries ESO uses (go-pkcs12 v0.7.0, jwx v2.1.6) so
// the oracle reports the exact outputs and error texts.

import (
	"bytes"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"hash"
	"strings"

	"github.com/Masterminds/sprig/v3"
	"github.com/lestrrat-go/jwx/v2/jwk"
	gopkcs12 "software.sslmate.com/src/go-pkcs12"

	esosprig "flotilla.dev/template-oracle/esosprig"
)

func pemBlock(der []byte, typ string) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
}

// anyPrivateKey tries PKCS#1, then PKCS#8, then SEC1, as ESO's parsePrivateKey does.
func anyPrivateKey(der []byte) (any, error) {
	if k, err := x509.ParsePKCS1PrivateKey(der); err == nil {
		return k, nil
	}
	if k, err := x509.ParsePKCS8PrivateKey(der); err == nil {
		return k, nil
	}
	if k, err := x509.ParseECPrivateKey(der); err == nil {
		return k, nil
	}
	return nil, errors.New("unable to parse private key type")
}

func esoPkcs12KeyPass(pass, input string) (string, error) {
	key, _, _, err := gopkcs12.DecodeChain([]byte(input), pass)
	if err != nil {
		return "", fmt.Errorf("unable to decode pkcs12 with password: %s", err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return "", err
	}
	return pemBlock(der, "PRIVATE KEY"), nil
}

func esoPkcs12CertPass(pass, input string) (string, error) {
	_, leaf, cas, err := gopkcs12.DecodeChain([]byte(input), pass)
	if err != nil {
		return "", fmt.Errorf("unable to decode pkcs12 certificate with password: %s", err)
	}
	all := pemBlock(leaf.Raw, "CERTIFICATE")
	for _, ca := range cas {
		all += pemBlock(ca.Raw, "CERTIFICATE")
	}
	chain, err := certChain([]byte(all))
	if err != nil {
		return all, nil // unordered when no single chain can be built
	}
	out := ""
	for _, c := range chain {
		out += pemBlock(c.Raw, "CERTIFICATE")
	}
	return out, nil
}

// certChain orders PEM certificates leaf -> ... -> root by AuthorityKeyId/SubjectKeyId.
func certChain(data []byte) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	for {
		block, rest := pem.Decode(data)
		data = rest
		if block == nil {
			break
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, err
		}
		certs = append(certs, c)
	}
	parent := make([]int, len(certs))
	isParent := make([]bool, len(certs))
	for i := range certs {
		parent[i] = -1
		for j := range certs {
			if i != j && bytes.Equal(certs[i].AuthorityKeyId, certs[j].SubjectKeyId) {
				isParent[j] = true
				parent[i] = j
				break
			}
		}
	}
	leaf := -1
	for i := range certs {
		if !isParent[i] {
			if leaf >= 0 {
				return nil, errors.New("found multiple leaf or disjunct certificates")
			}
			leaf = i
		}
	}
	if leaf < 0 {
		return nil, errors.New("no leaf certificate found")
	}
	var out []*x509.Certificate
	for n := leaf; n >= 0; n = parent[n] {
		if len(out) == len(certs) {
			return nil, errors.New("constructing chain resulted in cycle")
		}
		out = append(out, certs[n])
	}
	return out, nil
}

func parseCertList(data []byte) ([]*x509.Certificate, error) {
	certs := make([]*x509.Certificate, 0)
	for len(data) > 0 {
		block, rest := pem.Decode(data)
		data = rest
		c, err := x509.ParseCertificate(block.Bytes) // a nil block panics, as in ESO
		if err != nil {
			return nil, err
		}
		certs = append(certs, c)
	}
	return certs, nil
}

func esoToPkcs12(cert, key, pass string, full bool) (string, error) {
	block, rest := pem.Decode([]byte(cert))
	leaf, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return "", err
	}
	var cas []*x509.Certificate
	if full {
		if cas, err = parseCertList(rest); err != nil {
			return "", err
		}
	}
	keyBlock, _ := pem.Decode([]byte(key))
	priv, err := anyPrivateKey(keyBlock.Bytes)
	if err != nil {
		return "", err
	}
	pfx, err := gopkcs12.Modern.Encode(priv, leaf, cas, pass)
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(pfx), nil
}

func esoTruststore(cert, pass string) (string, error) {
	cas, err := parseCertList([]byte(cert))
	if err != nil {
		return "", err
	}
	pfx, err := gopkcs12.Modern.EncodeTrustStore(cas, pass)
	if err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(pfx), nil
}

// fromFirstBegin drops what precedes the first "-----BEGIN" (ESO's trimJunk).
func fromFirstBegin(s string) string {
	if i := strings.Index(s, "-----BEGIN"); i >= 0 {
		return s[i:]
	}
	return s
}

func esoFilterPEM(pemType, input string) (string, error) {
	data := []byte(fromFirstBegin(input))
	var out []byte
	var rest []byte
	for {
		var block *pem.Block
		block, rest = pem.Decode(data)
		data = rest
		if block == nil {
			break
		}
		if strings.EqualFold(block.Type, pemType) {
			out = append(out, pem.EncodeToMemory(block)...)
		}
	}
	if len(out) == 0 && len(rest) != 0 {
		return "", errors.New("error filtering pem: found junk")
	}
	return string(out), nil
}

func selfIssued(c *x509.Certificate) bool {
	return c.AuthorityKeyId == nil || bytes.Equal(c.AuthorityKeyId, c.SubjectKeyId)
}

func esoFilterCertChain(certType, input string) (string, error) {
	chain, err := certChain([]byte(input))
	if err != nil {
		return "", err
	}
	switch certType {
	case "leaf":
		if c := chain[0]; c.AuthorityKeyId != nil && !bytes.Equal(c.AuthorityKeyId, c.SubjectKeyId) {
			return pemBlock(c.Raw, "CERTIFICATE"), nil
		}
	case "intermediate":
		if len(chain) < 2 {
			return "", nil
		}
		out := ""
		for _, c := range chain[1:] {
			if selfIssued(c) {
				break
			}
			out += pemBlock(c.Raw, "CERTIFICATE")
		}
		return out, nil
	case "root":
		if c := chain[len(chain)-1]; selfIssued(c) {
			return pemBlock(c.Raw, "CERTIFICATE"), nil
		}
	}
	return "", nil
}

func esoCertSANs(input string) ([]string, error) {
	block, _ := pem.Decode([]byte(fromFirstBegin(input)))
	if block == nil {
		return nil, errors.New("failed to decode PEM block")
	}
	c, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("failed to parse certificate: %w", err)
	}
	out := make([]string, 0)
	out = append(out, c.DNSNames...)
	for _, ip := range c.IPAddresses {
		out = append(out, ip.String())
	}
	out = append(out, c.EmailAddresses...)
	for _, u := range c.URIs {
		out = append(out, u.String())
	}
	return out, nil
}

func esoJwkPem(private bool) func(string) (string, error) {
	return func(text string) (string, error) {
		k, err := jwk.ParseKey([]byte(text))
		if err != nil {
			return "", err
		}
		var raw any
		if err := k.Raw(&raw); err != nil {
			return "", err
		}
		if private {
			der, err := x509.MarshalPKCS8PrivateKey(raw)
			if err != nil {
				return "", err
			}
			return pemBlock(der, "PRIVATE KEY"), nil
		}
		der, err := x509.MarshalPKIXPublicKey(raw)
		if err != nil {
			return "", err
		}
		return pemBlock(der, "PUBLIC KEY"), nil
	}
}

func oaepHash(name string) hash.Hash {
	switch name {
	case "SHA1":
		return crypto.SHA1.New()
	case "SHA512":
		return sha512.New()
	default: // "SHA256", "None" and anything else
		return sha256.New()
	}
}

func esoRsaDecrypt(scheme, hashName, in, privateKey string) (string, error) {
	switch scheme {
	case "None":
		return in, nil
	case "RSA-OAEP":
		block, _ := pem.Decode([]byte(privateKey))
		if block == nil {
			return "", errors.New("failed to decode PEM block")
		}
		key, err := anyPrivateKey(block.Bytes)
		if err != nil {
			return "", fmt.Errorf("could not parse private key: %v", err)
		}
		rsaKey, ok := key.(*rsa.PrivateKey)
		if !ok {
			return "", errors.New("could not parse RSA private key")
		}
		out, err := rsa.DecryptOAEP(oaepHash(hashName), nil, rsaKey, []byte(in), nil)
		if err != nil {
			return "", fmt.Errorf("error decrypting data with RSA: %v", err)
		}
		return string(out), nil
	default:
		return "", fmt.Errorf("decryption scheme %v is not supported", scheme)
	}
}

func addEsoCertFuncs(fm map[string]any) {
	bcrypt := sprig.TxtFuncMap()["bcrypt"].(func(string) string)
	fm["htpasswd"] = esosprig.Htpasswd(bcrypt)
	fm["pkcs12key"] = func(in string) (string, error) { return esoPkcs12KeyPass("", in) }
	fm["pkcs12keyPass"] = esoPkcs12KeyPass
	fm["pkcs12cert"] = func(in string) (string, error) { return esoPkcs12CertPass("", in) }
	fm["pkcs12certPass"] = esoPkcs12CertPass
	fm["pemToPkcs12"] = func(c, k string) (string, error) { return esoToPkcs12(c, k, "", false) }
	fm["pemToPkcs12Pass"] = func(c, k, p string) (string, error) { return esoToPkcs12(c, k, p, false) }
	fm["fullPemToPkcs12"] = func(c, k string) (string, error) { return esoToPkcs12(c, k, "", true) }
	fm["fullPemToPkcs12Pass"] = func(c, k, p string) (string, error) { return esoToPkcs12(c, k, p, true) }
	fm["pemTruststoreToPKCS12"] = func(c string) (string, error) { return esoTruststore(c, "") }
	fm["pemTruststoreToPKCS12Pass"] = esoTruststore
	fm["filterPEM"] = esoFilterPEM
	fm["filterCertChain"] = esoFilterCertChain
	fm["certSANs"] = esoCertSANs
	fm["jwkPublicKeyPem"] = esoJwkPem(false)
	fm["jwkPrivateKeyPem"] = esoJwkPem(true)
	fm["rsaDecrypt"] = esoRsaDecrypt
}
