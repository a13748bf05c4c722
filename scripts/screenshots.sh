#!/usr/bin/env bash
# Regenerates screenshots/ from the console's own view code (a seeded store, a fixed clock): every view in the dark
# theme, the queue in the light and high-contrast themes, the help, and the queue at 80×24 and 200×60.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product triage >/dev/null
bin=.build/debug/triage
mkdir -p screenshots
for view in queue detail watch stats editor; do
  "$bin" snapshot --view "$view" --size 120x40 --format svg --output "screenshots/$view.svg"
  "$bin" snapshot --view "$view" --size 120x40 --format txt --output "screenshots/$view.txt"
done
for theme in light high-contrast; do
  "$bin" snapshot --view queue --size 120x40 --theme "$theme" --format svg --output "screenshots/queue-$theme.svg"
done
"$bin" snapshot --view help --size 120x40 --format svg --output screenshots/help.svg
"$bin" snapshot --view queue --size 80x24 --format svg --output screenshots/narrow.svg
"$bin" snapshot --view queue --size 200x60 --format svg --output screenshots/wide.svg
echo "screenshots/ regenerated"
