#!/usr/bin/env python3
"""Draw the toolbar/store icons (icons/icon-{16,32,48,128}.png) without any image library:
a rounded square in Readmark blue with a white page and a bookmark ribbon, supersampled.
Run from extension/: python3 tools/make_icons.py"""
import struct, zlib

BLUE = (29, 78, 216)
WHITE = (255, 255, 255)
RED = (220, 38, 38)

def inside_round_rect(x, y, x0, y0, x1, y1, r):
    if x < x0 or x > x1 or y < y0 or y > y1:
        return False
    cx = min(max(x, x0 + r), x1 - r)
    cy = min(max(y, y0 + r), y1 - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r

def color_at(u, v):
    """u, v in [0, 1): the icon as shapes; None = transparent."""
    if not inside_round_rect(u, v, 0.02, 0.02, 0.98, 0.98, 0.2):
        return None
    c = BLUE
    if inside_round_rect(u, v, 0.24, 0.16, 0.76, 0.84, 0.05):
        c = WHITE
        # text lines on the page
        for ly in (0.40, 0.52, 0.64):
            if 0.32 <= u <= 0.68 and ly <= v <= ly + 0.05:
                c = BLUE
        # bookmark ribbon at the top right of the page
        if 0.52 <= u <= 0.66 and 0.16 <= v <= 0.34:
            notch = 0.34 - abs(u - 0.59) * 0.8
            if v <= notch:
                c = RED
    return c

def png(size, path):
    ss = 4
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            acc = [0, 0, 0, 0]
            for sy in range(ss):
                for sx in range(ss):
                    c = color_at((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size)
                    if c:
                        acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 255
            n = ss * ss
            a = acc[3] // n
            if a:
                k = acc[3] / 255
                row += bytes([int(acc[0] / k), int(acc[1] / k), int(acc[2] / k), a])
            else:
                row += bytes(4)
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
    data += chunk(b"IDAT", raw) + chunk(b"IEND", b"")
    open(path, "wb").write(data)

for s in (16, 32, 48, 128):
    png(s, f"icons/icon-{s}.png")
