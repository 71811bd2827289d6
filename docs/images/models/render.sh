#!/bin/bash
# Draws every model in bpmn/ as Modeler and Cockpit show it, into docs/images/models/: one picture per model, and
# one per collapsed sub-process (the stages of integrated-cycle open into planes of their own).
# Needs npm (bpmn-js is fetched into a temporary directory) and Chromium; run from anywhere:
#   docs/images/models/render.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
models=$(cd "$here/../../../bpmn" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent bpmn-js@17.11.1 > /dev/null && mkdir bpmn-js && tar xzf bpmn-js-*.tgz -C bpmn-js --strip-components 1)
cp "$here/render.html" "$work/"
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome)
chrome() { "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --allow-file-access-from-files \
  --virtual-time-budget=5000 "$@" 2> /dev/null; }

shot() { # model file, plane ('' for the top level), picture
  python3 -c 'import json, sys; print("window.MODEL_XML = " + json.dumps(open(sys.argv[1], encoding="utf-8").read()) + ";")' \
    "$1" > "$work/model.js"
  local url="file://$work/render.html?plane=$2" size
  size=$(chrome --window-size=8000,5000 --dump-dom "$url" | grep -o 'data-size="[0-9]*x[0-9]*"' | grep -o '[0-9]*x[0-9]*')
  chrome --window-size="${size%x*},${size#*x}" --screenshot="$3" "$url" > /dev/null
  echo "$3 ($size)"
}

for model in "$models"/*.bpmn; do
  name=$(basename "$model" .bpmn)
  shot "$model" "" "$here/$name.png"
  for plane in $(grep -o 'bpmnElement="[A-Za-z_]*" isExpanded="false"' "$model" | cut -d'"' -f2); do
    shot "$model" "$plane" "$here/$name-$plane.png"
  done
done
