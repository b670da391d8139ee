#!/usr/bin/env bash
# Runs every fastgo test. It first installs, with apt-get, the Debian packages
# the tests drive (Jupyter clients, nbconvert, the notebook server and
# Chromium) when they are missing, so run it as root on a fresh machine.
#
# Environment:
#   FASTGO_DATA   data cache the tests read (default: ../shared/data beside
#                 this checkout, the team's copy of the lesson data sets)
#   TEST_FLAGS    extra flags for go test, such as "-short" or "-run Kernel"
set -euo pipefail
cd "$(dirname "$0")"

missing=()
if ! /usr/bin/python3 -c 'import jupyter_client, nbclient, nbconvert, nbformat, ipykernel, zmq' 2>/dev/null; then
	missing+=(python3-jupyter-client python3-nbclient python3-nbformat python3-ipykernel python3-zmq jupyter-nbconvert)
fi
command -v jupyter-notebook >/dev/null 2>&1 || missing+=(jupyter-notebook)
command -v chromium >/dev/null 2>&1 || missing+=(chromium chromium-driver)
command -v node >/dev/null 2>&1 || missing+=(nodejs npm)
if ((${#missing[@]})); then
	if [[ $(id -u) -ne 0 ]]; then
		echo "test.sh: missing Debian packages: ${missing[*]}" >&2
		echo "test.sh: run as root, or install them with: sudo apt-get install ${missing[*]}" >&2
		exit 1
	fi
	echo "test.sh: installing ${missing[*]}" >&2
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
if [[ -x .ci/browser-deps ]]; then
	.ci/browser-deps
fi

if [[ -z "${FASTGO_DATA:-}" && -d ../shared/data ]]; then
	FASTGO_DATA=$(cd ../shared/data && pwd)
fi
if [[ -z "${FASTGO_DATA:-}" || ! -d "$FASTGO_DATA/movielens/ml-100k" ]]; then
	echo "test.sh: the tests need the lesson data sets (bulldozers/, movielens/ml-100k/, mnist/)." >&2
	echo "test.sh: set FASTGO_DATA to a folder that has them, or put them in ../shared/data." >&2
	echo "test.sh: FASTGO_DATA is '${FASTGO_DATA:-}'." >&2
	exit 1
fi
export FASTGO_DATA

echo "test.sh: go vet" >&2
go vet ./...
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [[ -n "$unformatted" ]]; then
	echo "test.sh: gofmt would change:" >&2
	echo "$unformatted" >&2
	exit 1
fi

# fastgo must build without a C compiler: no package of its own may use cgo.
echo "test.sh: go build with CGO_ENABLED=0" >&2
CGO_ENABLED=0 go build -o /dev/null .

echo "test.sh: go test (FASTGO_DATA=${FASTGO_DATA:-unset})" >&2
# Fuzz targets run their seed corpora as ordinary tests here. -count=1
# turns off the test cache, because the end-to-end tests build the fastgo
# binary themselves and the cache does not see the sources they build.
go test -count=1 -timeout 75m ${TEST_FLAGS:-} ./...
