// The room's map on a canvas (room.js owns the state): tiles from the welcome's layout
// ("#" wall, "." floor, "T" table, "S" stage, "P" spawn, "D" door), the stage's screen, and an
// avatar with initials per person. Others glide from where they were shown to their latest
// snapshot position over one snapshot interval; our own avatar walks at once (arrows/WASD, the
// pad's buttons, or a tap: the shortest path on the floor to the tapped tile).

const GLIDE_MS = 100;
const MIN_TILE = 28; // px
const SPEED = 4; // tiles per second
const RADIUS = 0.38; // of an avatar, in tiles
const BLOCKED = new Set(["#", "T"]);
const KEYS = {
  ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0],
  w: [0, -1], s: [0, 1], a: [-1, 0], d: [1, 0],
};
const keyName = (key) => (key.length === 1 ? key.toLowerCase() : key);
const COLOURS = ["#0a4d68", "#8a3b12", "#35650f", "#6b2d7a", "#0f5e5e", "#7a1f3d", "#4b4f9c", "#5c4b12"];

export function initials(name) {
  const words = String(name ?? "").replace(/[^\p{L}\p{N}\s]/gu, " ").trim().split(/\s+/).filter(Boolean);
  if (!words.length) return "?";
  const letters = words.length === 1 ? words[0].slice(0, 2) : words[0][0] + words[words.length - 1][0];
  return letters.toUpperCase();
}

export class RoomMap {
  constructor(canvas, room) {
    this.canvas = canvas;
    this.room = room;
    this.held = new Set();
    this.path = [];
    this.last = performance.now();
    this.setLayout(room.layout);
    this.bind();
    this.resize();
    new ResizeObserver(() => this.resize()).observe(canvas.parentElement);
    requestAnimationFrame((t) => this.frame(t));
  }

  setLayout(layout) {
    this.layout = layout;
    this.tiles = (layout.tiles ?? []).map((row) => [...row]);
    this.width = layout.width ?? this.tiles[0]?.length ?? 20;
    this.height = layout.height ?? this.tiles.length ?? 15;
    this.resize();
  }

  tileAt(x, y) {
    const row = this.tiles[Math.floor(y)];
    return row ? row[Math.floor(x)] ?? "#" : "#";
  }

  free(x, y) {
    // The avatar's edge, not only its centre, keeps off walls and tables.
    for (const [dx, dy] of [[0, 0], [RADIUS, 0], [-RADIUS, 0], [0, RADIUS], [0, -RADIUS]]) {
      if (BLOCKED.has(this.tileAt(x + dx, y + dy))) return false;
    }
    return true;
  }

  // On a phone the whole room would make avatars specks: tiles stay at least MIN_TILE px and the
  // view follows our avatar (the camera); on a wide screen the whole room fits.
  resize() {
    const wrap = this.canvas.parentElement;
    const cssWidth = Math.max(200, wrap.clientWidth || 320);
    this.scale = Math.max(cssWidth / this.width, MIN_TILE);
    const cssHeight = Math.min(this.scale * this.height, Math.max(240, window.innerHeight * 0.6));
    const ratio = window.devicePixelRatio || 1;
    this.canvas.style.width = `${cssWidth}px`;
    this.canvas.style.height = `${cssHeight}px`;
    this.canvas.width = Math.round(cssWidth * ratio);
    this.canvas.height = Math.round(cssHeight * ratio);
    this.ratio = ratio;
    this.viewW = cssWidth / this.scale;
    this.viewH = cssHeight / this.scale;
  }

  // The view's top-left corner in tiles: centred on our avatar, kept inside the room.
  camera(now) {
    const me = this.mine();
    const [x, y] = me ? this.shownAt(me, now) : [null, null];
    const centre = (at, view, size) => (view >= size ? (size - view) / 2 : Math.min(Math.max((at ?? size / 2) - view / 2, 0), size - view));
    return [centre(x, this.viewW, this.width), centre(y, this.viewH, this.height)];
  }

  // --- input -----------------------------------------------------------------------------------

  bind() {
    const typing = (target) => target.closest?.("input, textarea, select, [contenteditable]");
    document.addEventListener("keydown", (event) => {
      if (!KEYS[keyName(event.key)] || typing(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.target.closest?.("[role=tab], [role=log]") && event.key.startsWith("Arrow")) return;
      if (this.room.inLobby || $mainHidden()) return;
      event.preventDefault();
      this.path = [];
      this.held.add(keyName(event.key));
    });
    document.addEventListener("keyup", (event) => this.held.delete(keyName(event.key)));
    window.addEventListener("blur", () => this.held.clear());
    this.canvas.addEventListener("pointerdown", (event) => {
      const box = this.canvas.getBoundingClientRect();
      const [left, top] = this.camera(performance.now());
      const x = (event.clientX - box.left) / this.scale + left;
      const y = (event.clientY - box.top) / this.scale + top;
      this.walkTo(x, y);
    });
  }

  mine() {
    return this.room.people.get(this.room.me);
  }

  step(dx, dy) {
    const me = this.mine();
    if (!me || me.avatar.x == null) return;
    this.walkTo(me.avatar.x + dx, me.avatar.y + dy);
  }

  stopWalking() {
    this.path = [];
  }

  // The shortest path over free tiles (breadth-first; a room is a few hundred tiles).
  walkTo(x, y) {
    const me = this.mine();
    if (!me || me.avatar.x == null) return;
    const start = [Math.floor(me.avatar.x), Math.floor(me.avatar.y)];
    let goal = [Math.floor(x), Math.floor(y)];
    if (BLOCKED.has(this.tileAt(goal[0] + 0.5, goal[1] + 0.5))) goal = this.nearestFree(goal);
    if (!goal) return;
    const key = ([a, b]) => `${a},${b}`;
    const came = new Map([[key(start), null]]);
    const queue = [start];
    while (queue.length) {
      const tile = queue.shift();
      if (tile[0] === goal[0] && tile[1] === goal[1]) break;
      for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
        const next = [tile[0] + dx, tile[1] + dy];
        if (came.has(key(next)) || BLOCKED.has(this.tileAt(next[0] + 0.5, next[1] + 0.5))) continue;
        came.set(key(next), tile);
        queue.push(next);
      }
    }
    if (!came.has(key(goal))) return;
    const path = [];
    for (let tile = goal; tile && key(tile) !== key(start); tile = came.get(key(tile))) {
      path.unshift([tile[0] + 0.5, tile[1] + 0.5]);
    }
    // Tapped inside a free tile: finish on the exact point tapped.
    if (path.length && goal[0] === Math.floor(x) && goal[1] === Math.floor(y) && this.free(x, y)) {
      path[path.length - 1] = [x, y];
    } else if (!path.length && this.free(x, y)) {
      path.push([x, y]);
    }
    this.path = path;
  }

  nearestFree([gx, gy]) {
    for (let r = 1; r < 4; r++) {
      for (let dx = -r; dx <= r; dx++) {
        for (let dy = -r; dy <= r; dy++) {
          if (!BLOCKED.has(this.tileAt(gx + dx + 0.5, gy + dy + 0.5))) return [gx + dx, gy + dy];
        }
      }
    }
    return null;
  }

  // --- each frame --------------------------------------------------------------------------------

  frame(now) {
    const dt = Math.min(0.1, (now - this.last) / 1000);
    this.last = now;
    this.walk(dt);
    this.draw(now);
    requestAnimationFrame((t) => this.frame(t));
  }

  walk(dt) {
    const me = this.mine();
    if (!me || me.avatar.x == null) return;
    const avatar = me.avatar;
    let dx = 0;
    let dy = 0;
    for (const key of this.held) {
      const [kx, ky] = KEYS[key] ?? [0, 0];
      dx += kx;
      dy += ky;
    }
    const distance = SPEED * dt;
    let moved = false;
    if (dx || dy) {
      const length = Math.hypot(dx, dy);
      const nx = avatar.x + (dx / length) * distance;
      const ny = avatar.y + (dy / length) * distance;
      // Slide along walls: try both axes, then each alone.
      if (this.free(nx, ny)) [avatar.x, avatar.y, moved] = [nx, ny, true];
      else if (this.free(nx, avatar.y)) [avatar.x, moved] = [nx, true];
      else if (this.free(avatar.x, ny)) [avatar.y, moved] = [ny, true];
    } else if (this.path.length) {
      const [tx, ty] = this.path[0];
      const gap = Math.hypot(tx - avatar.x, ty - avatar.y);
      if (gap <= distance) {
        [avatar.x, avatar.y] = [tx, ty];
        this.path.shift();
      } else {
        avatar.x += ((tx - avatar.x) / gap) * distance;
        avatar.y += ((ty - avatar.y) / gap) * distance;
      }
      moved = true;
    }
    if (moved) {
      avatar.fromX = avatar.x;
      avatar.fromY = avatar.y;
      avatar.at = 0;
      this.room.walked(avatar.x, avatar.y);
    }
  }

  // Where someone is drawn now: gliding from the last shown point to the latest snapshot's.
  shownAt(someone, now) {
    const a = someone.avatar;
    if (a.x == null) return [null, null];
    if (!a.at) return [a.x, a.y];
    const k = Math.min(1, Math.max(0, (now - a.at) / GLIDE_MS));
    return [a.fromX + (a.x - a.fromX) * k, a.fromY + (a.y - a.fromY) * k];
  }

  draw(now) {
    const ctx = this.canvas.getContext("2d");
    const s = this.scale * this.ratio;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    const [left, top] = this.camera(now);
    ctx.setTransform(s, 0, 0, s, -left * s, -top * s);
    const fills = { "#": "#44545b", S: "#f6e3a1", D: "#cfe3ea" };
    for (let y = 0; y < this.height; y++) {
      for (let x = 0; x < this.width; x++) {
        const tile = this.tiles[y]?.[x] ?? "#";
        ctx.fillStyle = fills[tile] ?? ((x + y) % 2 ? "#eef3f4" : "#e6edef");
        ctx.fillRect(x, y, 1.02, 1.02);
      }
    }
    for (const table of this.layout.tables ?? []) {
      ctx.fillStyle = "#9a6b3f";
      roundRect(ctx, table.x + 0.08, table.y + 0.08, table.w - 0.16, table.h - 0.16, 0.3);
      ctx.fill();
    }
    const screen = this.layout.screen;
    if (screen) {
      ctx.fillStyle = this.room.calls?.sharing ? "#1f7a4d" : "#1b2a31";
      ctx.fillRect(screen.x + 0.2, screen.y + 0.55, screen.w - 0.4, 0.4);
    }
    const hearing = new Set(this.room.hearing());
    const people = [...this.room.people.values()].sort((p, q) => (p.id === this.room.me) - (q.id === this.room.me));
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    for (const someone of people) {
      const [x, y] = this.shownAt(someone, now);
      if (x == null) continue;
      const mine = someone.id === this.room.me;
      ctx.beginPath();
      ctx.arc(x, y, RADIUS, 0, Math.PI * 2);
      ctx.fillStyle = COLOURS[someone.id % COLOURS.length];
      ctx.fill();
      if (mine || hearing.has(someone.id)) {
        ctx.lineWidth = 0.1;
        ctx.strokeStyle = mine ? "#f2b705" : "#35a853";
        ctx.stroke();
      }
      ctx.fillStyle = "#fff";
      ctx.font = "bold 0.34px system-ui, sans-serif";
      ctx.fillText(initials(someone.name), x, y + 0.02);
      if (someone.muted) {
        ctx.fillStyle = "#b42318";
        ctx.beginPath();
        ctx.arc(x + RADIUS * 0.8, y - RADIUS * 0.8, 0.12, 0, Math.PI * 2);
        ctx.fill();
      }
      ctx.fillStyle = "#1b2a31";
      ctx.font = "0.3px system-ui, sans-serif";
      ctx.fillText(mine ? this.room.nameOf(someone.id) : someone.name.split(" ")[0], x, y + RADIUS + 0.25);
    }
  }
}

function roundRect(ctx, x, y, w, h, r) {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}

function $mainHidden() {
  return document.getElementById("room-main")?.hidden ?? true;
}
