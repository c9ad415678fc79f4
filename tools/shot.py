"""Screenshot a page of the built site with headless Chromium and split it for viewing.

Usage: .venv/bin/python tools/shot.py URL OUT_PREFIX [WIDTH] [HEIGHT] [PARTS]
"""
import subprocess
import sys

from PIL import Image

url, out = sys.argv[1], sys.argv[2]
width = int(sys.argv[3]) if len(sys.argv) > 3 else 1280
height = int(sys.argv[4]) if len(sys.argv) > 4 else 4000
parts = int(sys.argv[5]) if len(sys.argv) > 5 else 3
full = out + "-full.png"
subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--hide-scrollbars", f"--window-size={width},{height}", "--virtual-time-budget=10000",
                f"--screenshot={full}", url], check=True, capture_output=True)
im = Image.open(full)
step = im.height // parts
for i in range(parts):
    im.crop((0, i * step, im.width, min(im.height, (i + 1) * step))).save(f"{out}-{i}.png")
print(im.size)
