#!/usr/bin/env python3
"""Writes the county fixtures next to this script (run it again after changing it).

county.csv / county.geojson: county 330102 (上城区), 3 streets, 10 communities each, 10 grids
each = 334 nodes, rectangles around lat 30.27 lon 120.15, ordered by code.
county-bad.csv / county-bad.geojson: the same with 6 bad rows mixed in (GridImportContract
asserts the exact problems they cause)."""
import json, os

HERE = os.path.dirname(os.path.abspath(__file__))
TOWNS = [("001", "清波街道"), ("002", "湖滨街道"), ("003", "小营街道")]
VILLAGES = ["柳翠井巷", "劳动路", "清河坊", "定安", "吴山", "紫阳山", "河坊街", "金钗袋巷", "荷花池头", "南星",
            "东坡路", "岳王路", "青年路", "东平巷", "涌金", "庆春路", "龙翔里", "孝女路", "学士路", "浣纱",
            "大学路", "葵巷", "小营巷", "长明寺巷", "茅廊巷", "建国南路", "皮市巷", "梅花碑", "马市街", "西牌楼"]


def rect(x0, y0, x1, y1):
  f = lambda v: float("%.6f" % v)
  ring = [[f(x0), f(y0)], [f(x1), f(y0)], [f(x1), f(y1)], [f(x0), f(y1)], [f(x0), f(y0)]]
  return {"type": "Polygon", "coordinates": [ring]}


def nodes():
  out = [("330102", "上城区", None, "COUNTY", rect(120.10, 30.22, 120.22, 30.32))]
  for t, (tc, tname) in enumerate(TOWNS):
    tx0 = 120.10 + 0.04 * t
    town = "330102" + tc
    out.append((town, tname, "330102", "TOWN", rect(tx0, 30.22, tx0 + 0.04, 30.32)))
    for v in range(10):
      vx0, vy0 = tx0 + 0.02 * (v % 2), 30.22 + 0.02 * (v // 2)
      village = town + "%03d" % (v + 1)
      vname = VILLAGES[t * 10 + v] + "社区"
      out.append((village, vname, town, "VILLAGE", rect(vx0, vy0, vx0 + 0.02, vy0 + 0.02)))
      for g in range(10):
        gx0, gy0 = vx0 + 0.01 * (g % 2), vy0 + 0.004 * (g // 2)
        out.append((village + "%03d" % (g + 1), vname + "第%d网格" % (g + 1), village, "GRID",
                    rect(gx0, gy0, gx0 + 0.01, gy0 + 0.004)))
  return out


def compact(geometry):
  return json.dumps(geometry, separators=(",", ":"), ensure_ascii=False)


def csv_field(s):
  return '"' + s.replace('"', '""') + '"' if any(c in s for c in ',"\r\n') else s


def csv_line(code, name, parent, level, polygon):
  return ",".join([csv_field(code), csv_field(name), parent or "", level or "",
                   csv_field(polygon) if polygon else ""]) + "\r\n"


def feature(code, name, parent, level, geometry_text):
  props = {"code": code, "name": name, "parent": parent}
  if level:
    props["level"] = level
  return ('{"type":"Feature","properties":' + json.dumps(props, ensure_ascii=False)
          + ',"geometry":' + (geometry_text or "null") + "}")


OPEN_RING = '{"type":"Polygon","coordinates":[[[120.1,30.2],[120.11,30.2],[120.11,30.21],[120.1,30.21]]]}'
# (insert after this many good rows, code, name, parent, level, polygon text)
BAD = [
  (12, "33010200100A", "坏编码网格", "330102001001", "", None),
  (40, "330102001003011", "错父网格", "330102002001", "", None),
  (80, "330102001007011", "", "", "", None),
  (120, "330102002001011", "坏边界网格", "", "", OPEN_RING),
  (200, "330102002008005", "重复网格", "", "", None),
  (333, "330102009001", "无父社区", "", "", None),
]


def main():
  good = nodes()
  with open(os.path.join(HERE, "county.csv"), "w", encoding="utf-8", newline="") as f:
    f.write("code,name,parent,level,polygon\r\n")
    for code, name, parent, level, geo in good:
      f.write(csv_line(code, name, parent, level, compact(geo)))
  with open(os.path.join(HERE, "county.geojson"), "w", encoding="utf-8") as f:
    f.write('{"type":"FeatureCollection","name":"330102","features":[\n')
    f.write(",\n".join(feature(c, n, p, l, compact(g)) for c, n, p, l, g in good))
    f.write("\n]}\n")
  rows = [(c, n, p, l, compact(g)) for c, n, p, l, g in good]
  for after, code, name, parent, level, poly in sorted(BAD, reverse=True):
    rows.insert(after, (code, name, parent, level, poly))
  with open(os.path.join(HERE, "county-bad.csv"), "w", encoding="utf-8", newline="") as f:
    f.write("code,name,parent,level,polygon\r\n")
    for r in rows:
      f.write(csv_line(*r))
  with open(os.path.join(HERE, "county-bad.geojson"), "w", encoding="utf-8") as f:
    f.write('{"type":"FeatureCollection","features":[\n')
    f.write(",\n".join(feature(*r) for r in rows))
    f.write("\n]}\n")
  for i, r in enumerate(rows):
    if r[0] in [b[1] for b in BAD] and (r[0] != "330102002008005" or r[1] == "重复网格"):
      print("bad row %-16s csv line %d, feature %d" % (r[0], i + 2, i + 1))
  print("duplicate's first occurrence: line %d" % (2 + [r[0] for r in rows].index("330102002008005")))


main()
