package kernel

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"testing"
)

// fuzzKey is the connection key of the fuzz seeds.
var fuzzKey = []byte("c0ffee-fuzz-key")

// frameSeparator splits a fuzz input into wire frames. It cannot occur
// in the seeds' JSON, so each seed decodes to the frames it was built from.
var frameSeparator = []byte("\x00|\x00")

// joinFrames is the inverse of splitting on frameSeparator.
func joinFrames(frames [][]byte) []byte {
	return bytes.Join(frames, frameSeparator)
}

// signedFrames returns the wire frames of a kernel_info_request signed
// with key, behind one routing identity.
func signedFrames(key []byte, content string) [][]byte {
	s := signer{key: key}
	m := &Message{
		Identities: [][]byte{[]byte("client-1")},
		Header:     newHeader("kernel_info_request", "session-1", "fuzz"),
		Content:    []byte(content),
	}
	return s.encode(m)
}

// hmacHex computes the signature of parts independently of signer.
func hmacHex(key []byte, parts [][]byte) []byte {
	mac := hmac.New(sha256.New, key)
	for _, p := range parts {
		mac.Write(p)
	}
	return []byte(hex.EncodeToString(mac.Sum(nil)))
}

func addDecodeSeeds(f *testing.F) {
	good := signedFrames(fuzzKey, `{}`)
	f.Add(fuzzKey, joinFrames(good))
	f.Add([]byte{}, joinFrames(signedFrames(nil, `{"code":"1"}`)))

	badSig := signedFrames(fuzzKey, `{}`)
	badSig[2] = []byte("0000")
	f.Add(fuzzKey, joinFrames(badSig))

	noSig := signedFrames(fuzzKey, `{}`)
	noSig[2] = nil
	f.Add(fuzzKey, joinFrames(noSig))

	f.Add(fuzzKey, joinFrames(good[:4]))                            // truncated after the header
	f.Add(fuzzKey, joinFrames([][]byte{[]byte("id"), []byte("x")})) // no delimiter
	f.Add(fuzzKey, []byte("<IDS|MSG>"))
	f.Add(fuzzKey, []byte(""))

	badJSON := signedFrames(fuzzKey, `{}`)
	badJSON[3] = []byte(`{"msg_id": 7`)
	badJSON[2] = hmacHex(fuzzKey, badJSON[3:7])
	f.Add(fuzzKey, joinFrames(badJSON))

	withBuffers := append(signedFrames(fuzzKey, `{}`), []byte("buffer-0"), []byte{0xff, 0x00})
	f.Add(fuzzKey, joinFrames(withBuffers))
}

// FuzzDecode checks that no input panics the wire parser, and that a
// message decodes without error only when its signature frame is the
// HMAC of its four JSON frames (or the key is empty).
func FuzzDecode(f *testing.F) {
	addDecodeSeeds(f)
	f.Fuzz(func(t *testing.T, key, input []byte) {
		frames := bytes.Split(input, frameSeparator)
		s := signer{key: key}
		m, err := s.decode(frames)
		if err != nil {
			return
		}
		if m == nil {
			t.Fatal("decode returned a nil message and a nil error")
		}
		i := 0
		for !bytes.Equal(frames[i], delimiter) {
			i++
		}
		sig, parts := frames[i+1], frames[i+2:i+6]
		if len(key) > 0 && !hmac.Equal(sig, hmacHex(key, parts)) {
			t.Fatalf("accepted a message whose signature %q is not the HMAC of its frames", sig)
		}
		if len(m.Identities) != i {
			t.Fatalf("decoded %d identities, want the %d frames before the delimiter", len(m.Identities), i)
		}
		if !bytes.Equal(m.Content, parts[3]) {
			t.Fatalf("content = %q, want the fourth JSON frame %q", m.Content, parts[3])
		}

		// A decoded message encodes to frames that decode again.
		again, err := s.decode(s.encode(m))
		if err != nil {
			t.Fatalf("re-encoded message does not decode: %v", err)
		}
		if again.Header != m.Header {
			t.Fatalf("header changed on re-encoding: %+v, want %+v", again.Header, m.Header)
		}
	})
}

// FuzzVerify checks the signature check against an independent HMAC:
// with a key, verify accepts exactly the hex HMAC-SHA256 of the frames.
func FuzzVerify(f *testing.F) {
	parts := signedFrames(fuzzKey, `{}`)[3:7]
	f.Add(fuzzKey, hmacHex(fuzzKey, parts), parts[0], parts[1], parts[2], parts[3])
	f.Add(fuzzKey, []byte{}, parts[0], parts[1], parts[2], parts[3])
	f.Add(fuzzKey, bytes.ToUpper(hmacHex(fuzzKey, parts)), parts[0], parts[1], parts[2], parts[3])
	f.Add([]byte{}, []byte("anything"), []byte("{}"), []byte("{}"), []byte("{}"), []byte("{}"))
	f.Add(fuzzKey, hmacHex(fuzzKey, parts)[:63], parts[0], parts[1], parts[2], parts[3])
	f.Fuzz(func(t *testing.T, key, sig, header, parent, metadata, content []byte) {
		frames := [][]byte{header, parent, metadata, content}
		err := signer{key: key}.verify(sig, frames)
		switch {
		case len(key) == 0 && err != nil:
			t.Fatalf("empty key: verify = %v, want nil (signing is off)", err)
		case len(key) == 0:
		case len(sig) == 0 && err != ErrMissingSignature:
			t.Fatalf("empty signature: verify = %v, want ErrMissingSignature", err)
		case len(sig) == 0:
		case bytes.Equal(sig, hmacHex(key, frames)) && err != nil:
			t.Fatalf("correct signature rejected: %v", err)
		case !bytes.Equal(sig, hmacHex(key, frames)) && err != ErrBadSignature:
			t.Fatalf("wrong signature %q: verify = %v, want ErrBadSignature", sig, err)
		}
	})
}

// zmtpStream returns a greeting followed by frames of the given sizes and
// flags, with bodies of zeros only as long as bodyLimit allows.
func zmtpStream(frames []struct {
	flags byte
	size  uint64
}, bodyLimit uint64) []byte {
	s := make([]byte, zmtpGreetingSize)
	for _, f := range frames {
		if f.flags&flagLong != 0 {
			s = append(s, f.flags, 0, 0, 0, 0, 0, 0, 0, 0)
			for i := range 8 {
				s[len(s)-1-i] = byte(f.size >> (8 * i))
			}
		} else {
			s = append(s, f.flags, byte(f.size))
		}
		s = append(s, make([]byte, min(f.size, bodyLimit))...)
	}
	return s
}

// passedPrefix scans stream through a limitedConn in chunks of chunk bytes
// and returns how many bytes it passes on.
func passedPrefix(stream []byte, chunk int) int {
	c := newLimitedConn(nil, nil)
	passed := 0
	for len(stream) > 0 {
		n := min(chunk, len(stream))
		ok := c.scan(stream[:n])
		passed += ok
		if ok < n {
			break
		}
		stream = stream[n:]
	}
	return passed
}

// oversizeHeaderIn reports whether prefix, a ZMTP stream, contains a whole
// frame header that announces a frame or message over MaxMessageSize.
func oversizeHeaderIn(prefix []byte) bool {
	i, message, final := zmtpGreetingSize, uint64(0), false
	for i < len(prefix) {
		flags := prefix[i]
		headerLen := 2
		if flags&flagLong != 0 {
			headerLen = 9
		}
		if i+headerLen > len(prefix) {
			return false
		}
		size := uint64(prefix[i+1])
		if flags&flagLong != 0 {
			size = binary.BigEndian.Uint64(prefix[i+1 : i+9])
		}
		if final {
			message = 0
		}
		if size > MaxMessageSize || message+size > MaxMessageSize {
			return true
		}
		message += size
		final = flags&flagMore == 0
		if size > uint64(len(prefix)) {
			return false
		}
		i += headerLen + int(size)
	}
	return false
}

// FuzzLimitedConn checks the frame-size limit on arbitrary streams: the
// bytes passed on never include a whole header that announces an oversize
// frame or message, and the cut does not depend on how reads split the
// stream.
func FuzzLimitedConn(f *testing.F) {
	type frame = struct {
		flags byte
		size  uint64
	}
	seeds := [][]frame{
		{{flagCommand, 30}, {0, 5}},
		{{flagLong, 1 << 62}},
		{{flagLong | flagMore, MaxMessageSize}, {0, 1}},
		{{flagLong, MaxMessageSize}, {flagMore, 255}, {0, 255}},
		{{flagMore, 200}, {flagLong | flagMore, MaxMessageSize - 300}, {0, 101}},
	}
	for _, s := range seeds {
		f.Add(zmtpStream(s, 512), 7)
	}
	f.Fuzz(func(t *testing.T, stream []byte, chunk int) {
		if chunk <= 0 || len(stream) < zmtpGreetingSize {
			return
		}
		whole := passedPrefix(stream, len(stream))
		if oversizeHeaderIn(stream[:whole]) {
			t.Fatalf("passed %d bytes that include an oversize frame header", whole)
		}
		if !oversizeHeaderIn(stream) && whole != len(stream) {
			t.Fatalf("passed %d of %d bytes of a stream within the limit", whole, len(stream))
		}
		if split := passedPrefix(stream, chunk); split != whole {
			t.Fatalf("reads of %d bytes passed %d bytes, one read passed %d", chunk, split, whole)
		}
	})
}
