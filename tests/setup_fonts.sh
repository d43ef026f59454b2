#!/usr/bin/env bash
# Make a TH-Sarabun-New-metric font for the real-rendering checks: Debian's Laksaman is TH Sarabun New
# enlarged by 150.42 %, so a copy with unitsPerEm 1504 has TH Sarabun New's metrics. It is installed for
# this user only and aliased to "TH Sarabun New" and "TH SarabunPSK" (notes/THAI_DOCUMENTS.md §7).
set -euo pipefail
src=/usr/share/fonts/truetype/tlwg
if [ ! -f "$src/Laksaman.ttf" ]; then
  echo "setup_fonts: fonts-thai-tlwg is not installed; skipping" >&2
  exit 0
fi
dest="${XDG_DATA_HOME:-$HOME/.local/share}/fonts/laksaman-ths"
conf="${XDG_CONFIG_HOME:-$HOME/.config}/fontconfig/conf.d"
mkdir -p "$dest" "$conf"
python - "$src" "$dest" <<'PY'
import sys
from pathlib import Path
from fontTools.ttLib import TTFont
src, dest = Path(sys.argv[1]), Path(sys.argv[2])
styles = {"Laksaman.ttf": "Regular", "Laksaman-Bold.ttf": "Bold", "Laksaman-Italic.ttf": "Italic",
          "Laksaman-BoldItalic.ttf": "Bold Italic"}
for name, style in styles.items():
    font = TTFont(src / name)
    font["head"].unitsPerEm = 1504
    table = font["name"]
    for name_id in (1, 2, 3, 4, 6, 16, 17, 21, 22):
        table.removeNames(nameID=name_id)
    postscript = "LaksamanTHS-" + style.replace(" ", "")
    for name_id, value in {1: "Laksaman THS", 2: style, 3: postscript, 4: f"Laksaman THS {style}", 6: postscript}.items():
        table.setName(value, name_id, 3, 1, 0x409)
    font.save(dest / f"{postscript}.ttf")
PY
cat > "$conf/30-th-sarabun-metric.conf" <<'XML'
<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
 <alias binding="strong"><family>TH Sarabun New</family><prefer><family>Laksaman THS</family></prefer></alias>
 <alias binding="strong"><family>TH SarabunPSK</family><prefer><family>Laksaman THS</family></prefer></alias>
</fontconfig>
XML
fc-cache -f >/dev/null
echo "setup_fonts: $(fc-match 'TH Sarabun New')"
