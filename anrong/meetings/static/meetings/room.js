// The meeting room (room.html): one websocket to the room (protocol in anrong/meetings/protocol.py),
// a canvas map drawn from the layout in the welcome message, everyone's avatar moved smoothly
// between the server's snapshots, the chat (whole room / this conversation), the lobby, the
// host's controls, and the calls (calls.js) with whoever shares a conversation bubble.
//
// Words come from the page (#room-texts, in the page's language); settings from #room-config.
// Positions are in tiles (floats); the server is the authority on where everyone stands and who
// hears whom (bubbles), this script only predicts its own avatar's walk.

import { Calls } from "./calls.js";
import { RoomMap } from "./map.js";

const SEND_EVERY_MS = 100; // at most 10 moves a second (the server allows 20)
const PING_EVERY_MS = 20_000;
const RETRY_MS = [1000, 2000, 5000, 10_000];
const OTHER_RATE = 8; // messages a second (the server allows 10)
const OTHER_BURST = 8;

function jsonScript(id) {
  const element = document.getElementById(id);
  return element ? JSON.parse(element.textContent) : {};
}

const config = jsonScript("room-config");
const T = jsonScript("room-texts");
const $ = (id) => document.getElementById(id);

export function fill(template, values) {
  return String(template ?? "").replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ""));
}

function person(raw) {
  if (raw == null) return null;
  if (typeof raw === "number") return { id: raw };
  const id = Number(raw.id ?? raw.user ?? raw.user_id);
  if (!Number.isFinite(id)) return null;
  return {
    id,
    name: String(raw.name ?? raw.display_name ?? `#${id}`),
    agency: raw.agency ?? "",
    role: raw.role ?? (raw.is_host || raw.host ? "host" : ""),
    muted: Boolean(raw.muted ?? raw.is_muted),
    x: Number.isFinite(raw.x) ? raw.x : null,
    y: Number.isFinite(raw.y) ? raw.y : null,
  };
}

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === false || value == null) continue;
    node.setAttribute(key, value === true ? "" : value);
  }
  if (text) node.textContent = text;
  return node;
}

export class Room {
  constructor() {
    this.me = Number(config.me);
    this.people = new Map(); // id -> person, with .avatar {x, y, fromX, fromY, at}
    this.lobby = [];
    this.bubbles = {};
    this.presenter = null;
    this.locked = false;
    this.inLobby = false;
    this.scope = "room";
    this.history = { room: [], bubble: [] };
    this.lastSent = 0;
    this.pendingSend = null;
    this.attempt = 0;
    this.closedForGood = false;
    this.outbox = [];
    this.tokens = OTHER_BURST;
    this.tokensAt = performance.now();
    this.draining = null;
    this.map = null;
    this.calls = null;
    this.bindPage();
    this.connect();
  }

  // --- the connection ------------------------------------------------------------------------

  connect() {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    this.status(this.attempt ? T.reconnecting : T.connecting);
    const socket = new WebSocket(`${scheme}//${location.host}${config.ws_path}`);
    this.socket = socket;
    socket.addEventListener("open", () => {
      this.attempt = 0;
      clearInterval(this.pinger);
      this.pinger = setInterval(() => this.send({ t: "ping", ts: Date.now() }), PING_EVERY_MS);
    });
    socket.addEventListener("message", (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      this.receive(message);
    });
    socket.addEventListener("close", (event) => {
      clearInterval(this.pinger);
      if (this.socket !== socket) return;
      this.calls?.closeAll();
      if (event.code === 4003) return this.stop(T.removed);
      if (event.code === 4009) return this.stop(T.replaced);
      if (event.code === 4403 || event.code === 4404 || event.code === 4008) return this.stop(T.closed);
      if (this.closedForGood) return;
      const wait = RETRY_MS[Math.min(this.attempt, RETRY_MS.length - 1)];
      this.attempt += 1;
      this.status(T.reconnecting);
      setTimeout(() => this.connect(), wait);
    });
  }

  stop(text) {
    this.closedForGood = true;
    this.status(text);
    $("room-main").hidden = true;
    $("room-lobby").hidden = true;
  }

  // The server cuts off a client that sends more than 10 messages a second other than moves
  // and chat (signalling, host controls, pings): those wait their turn here, 8 a second.
  send(message) {
    if (this.socket?.readyState !== WebSocket.OPEN) return false;
    if (message.t === "move" || message.t === "chat") {
      this.socket.send(JSON.stringify(message));
      return true;
    }
    this.outbox.push(message);
    this.drain();
    return true;
  }

  drain() {
    const now = performance.now();
    this.tokens = Math.min(OTHER_BURST, this.tokens + ((now - this.tokensAt) / 1000) * OTHER_RATE);
    this.tokensAt = now;
    while (this.outbox.length && this.tokens >= 1) {
      if (this.socket?.readyState !== WebSocket.OPEN) {
        this.outbox = [];
        return;
      }
      this.tokens -= 1;
      this.socket.send(JSON.stringify(this.outbox.shift()));
    }
    if (this.outbox.length && !this.draining) {
      this.draining = setTimeout(() => {
        this.draining = null;
        this.drain();
      }, Math.ceil(1000 / OTHER_RATE));
    }
  }

  receive(message) {
    switch (message.t) {
      case "welcome": return this.welcome(message);
      case "snapshot": return this.snapshot(message);
      case "chat": return this.chatReceived(message, true);
      case "signal": return this.calls?.signal(Number(message.from), message.data);
      case "presence": return this.presence(message);
      case "admitted": return this.admitted(message);
      case "control": return this.control(message);
      case "error": return this.announce(fill(T.error, { message: message.message ?? message.code }));
      default: return undefined;
    }
  }

  // --- state from the server -----------------------------------------------------------------

  welcome(message) {
    const me = person(message.me) ?? { id: this.me };
    this.me = me.id;
    this.meRecord = me;
    const state = message.state ?? {};
    this.inLobby = Boolean(message.lobby);
    this.applyState(state, me);
    this.sfu = Boolean(message.sfu);
    if (message.layout) {
      this.layout = message.layout;
      if (!this.map) {
        this.map = new RoomMap($("room-map"), this);
      } else {
        this.map.setLayout(this.layout);
      }
    }
    if (!this.calls) {
      this.calls = new Calls({
        me: this.me,
        sendSignal: (to, data) => this.send({ t: "signal", to, data }),
        iceServers: message.ice_servers ?? [],
        sfu: this.sfu,
        tokenUrl: config.token_url,
        sfuClientUrl: config.sfu_client,
        texts: T,
        nameOf: (id) => this.nameOf(id),
        isMuted: (id) => Boolean(this.people.get(id)?.muted),
        videos: $("room-videos"),
        notice: $("call-notice"),
        screen: { figure: $("room-screen"), video: $("room-screen-video"), caption: $("room-screen-caption") },
        controls: { mic: $("toggle-mic"), cam: $("toggle-cam"), share: $("toggle-share") },
      });
    } else {
      this.calls.setIceServers(message.ice_servers ?? []);
    }
    this.history = { room: [], bubble: [] };
    for (const id of ["chat-room", "chat-bubble"]) $(id).replaceChildren();
    for (const line of message.history ?? []) this.chatReceived(line, false);
    this.showChatEmpty();
    this.showRoomOrLobby();
  }

  // The room as the server sees it (welcome, admitted): who is inside and in the lobby, where
  // everyone stands, the bubbles, the lock and the presenter.
  applyState(state, me) {
    this.setPeople(state.inside ?? [], me);
    this.lobby = (state.lobby ?? []).map(person).filter(Boolean);
    for (const [rawId, x, y] of state.positions ?? []) {
      const someone = this.people.get(Number(rawId));
      if (someone) Object.assign(someone.avatar, { x, y, fromX: x, fromY: y, at: 0 });
    }
    if (state.bubbles) this.bubbles = this.normaliseBubbles(state.bubbles, false);
    if (state.presenter !== undefined) this.presenter = state.presenter;
    if (state.locked !== undefined) this.locked = Boolean(state.locked);
  }

  setPeople(list, me) {
    const previous = this.people;
    this.people = new Map();
    for (const raw of list) {
      const someone = person(raw);
      if (!someone) continue;
      this.people.set(someone.id, this.withAvatar(someone, previous.get(someone.id)));
    }
    if (me && !this.inLobby) {
      const mine = this.people.get(me.id) ?? this.withAvatar(me, previous.get(me.id));
      Object.assign(mine, { ...me, avatar: mine.avatar });
      if (me.x != null) Object.assign(mine.avatar, { x: me.x, y: me.y, fromX: me.x, fromY: me.y });
      this.people.set(me.id, mine);
    }
  }

  withAvatar(someone, before) {
    const x = someone.x ?? before?.avatar.x ?? null;
    const y = someone.y ?? before?.avatar.y ?? null;
    return { ...before, ...someone, avatar: before?.avatar ?? { x, y, fromX: x, fromY: y, at: 0 } };
  }

  showRoomOrLobby() {
    $("room-lobby").hidden = !this.inLobby;
    $("room-main").hidden = this.inLobby;
    if (this.inLobby) {
      this.status(T.lobby);
      $("lobby-text").textContent = T.lobby;
      this.renderPeople();
      return;
    }
    this.status(T.connected);
    this.map?.resize();
    this.renderPeople();
    this.updateBubble();
  }

  // {"t":"admitted","state":…,"history":[…]}: a place came free; the room opens.
  admitted(message) {
    this.inLobby = false;
    this.applyState(message.state ?? {}, this.meFromLobby());
    if (message.history) {
      this.history = { room: [], bubble: [] };
      for (const id of ["chat-room", "chat-bubble"]) $(id).replaceChildren();
      for (const line of message.history) this.chatReceived(line, false);
      this.showChatEmpty();
    }
    if (!this.map && this.layout) this.map = new RoomMap($("room-map"), this);
    this.announce(T.admitted);
    this.showRoomOrLobby();
    $("map-title").focus();
  }

  meFromLobby() {
    return this.meRecord ?? { id: this.me, name: T.you };
  }

  snapshot(message) {
    const now = performance.now();
    for (const [rawId, x, y] of message.moves ?? []) {
      const id = Number(rawId);
      let someone = this.people.get(id);
      if (!someone) {
        someone = this.withAvatar({ id, name: `#${id}` });
        this.people.set(id, someone);
      }
      const avatar = someone.avatar;
      if (id === this.me && avatar.x != null) {
        // Our own walk is predicted; follow the server only where it disagrees (a clamp, a spawn).
        if (Math.hypot(avatar.x - x, avatar.y - y) < 1.5) continue;
        this.map?.stopWalking();
      }
      const [fromX, fromY] = this.map ? this.map.shownAt(someone, now) : [x, y];
      Object.assign(avatar, { fromX: fromX ?? x, fromY: fromY ?? y, x, y, at: now });
      this.markPosition(id, x, y);
    }
    for (const gone of message.gone ?? []) {
      if (Number(gone) === this.me) continue;
      this.people.delete(Number(gone));
      delete this.bubbles[Number(gone)];
    }
    // Bubbles: only the changes (null: out of any conversation).
    if (message.bubbles || message.gone) {
      this.bubbles = this.normaliseBubbles(message.bubbles ?? {}, true);
      this.updateBubble();
    }
  }

  normaliseBubbles(bubbles, merge) {
    const result = merge ? { ...this.bubbles } : {};
    for (const [id, key] of Object.entries(bubbles)) {
      if (key) result[Number(id)] = String(key);
      else delete result[Number(id)];
    }
    return result;
  }

  // {"t":"presence","user":{id,name},"state":"inside"|"lobby"|"left"}: someone else came in,
  // waits in the lobby, or left.
  presence(message) {
    const who = person(message.user);
    const event = typeof message.state === "string" ? message.state : message.event;
    if (!who || who.id === this.me) return;
    if (event === "inside") {
      const known = this.people.get(who.id);
      if (known) known.name = who.name;
      else this.people.set(who.id, this.withAvatar(who));
      this.lobby = this.lobby.filter((p) => p.id !== who.id);
      this.announce(fill(T.joined, { name: who.name }));
    } else if (event === "lobby") {
      if (!this.lobby.some((p) => p.id === who.id)) this.lobby.push(who);
    } else if (event === "left") {
      const name = this.people.get(who.id)?.name ?? who.name;
      const wasInside = this.people.delete(who.id);
      this.lobby = this.lobby.filter((p) => p.id !== who.id);
      delete this.bubbles[who.id];
      if (wasInside) this.announce(fill(T.left, { name }));
    }
    this.renderPeople();
    this.updateBubble();
  }

  control(message) {
    const op = message.op;
    const target = Number(message.user ?? 0);
    if (op === "lock" || op === "unlock") {
      this.locked = op === "lock";
      this.announce(this.locked ? T.locked : T.unlocked);
    } else if (op === "mute" || op === "unmute") {
      const someone = this.people.get(target);
      if (someone) someone.muted = op === "mute";
      this.calls?.silence(target, op === "mute");
      if (target === this.me) {
        this.calls?.setForcedMute(op === "mute");
        this.announce(op === "mute" ? T.you_are_muted : T.you_are_unmuted);
      }
    } else if (op === "presenter") {
      this.presenter = target || null;
      this.announce(fill(T.presenter_now, { name: this.nameOf(target) }));
    } else if (op === "remove" && target && target !== this.me) {
      this.people.delete(target);
    }
    this.renderPeople();
    this.updateBubble();
  }

  nameOf(id) {
    if (Number(id) === this.me) return T.you;
    return this.people.get(Number(id))?.name ?? this.lobby.find((p) => p.id === Number(id))?.name ?? `#${id}`;
  }

  // --- who hears whom --------------------------------------------------------------------------

  myBubble() {
    return this.bubbles[this.me] ?? null;
  }

  // Everyone whose media connects with ours: the same bubble, or one of us on the stage.
  hearing() {
    const mine = this.myBubble();
    const ids = [];
    for (const id of this.people.keys()) {
      if (id === this.me) continue;
      const theirs = this.bubbles[id];
      if (mine === "stage" || theirs === "stage" || (mine && theirs === mine)) ids.push(id);
    }
    return ids.sort((a, b) => a - b);
  }

  updateBubble() {
    if (this.inLobby) return;
    const mine = this.myBubble();
    const peers = this.hearing();
    const line = $("room-bubble-status");
    let text = peers.length ? fill(T.bubble_with, { names: peers.map((id) => this.nameOf(id)).join(", ") }) : T.bubble_alone;
    if (mine === "stage") text = `${T.on_stage} ${text}`;
    if (line.textContent !== text) line.textContent = text;
    if (mine !== this.shownBubble) {
      this.shownBubble = mine;
      this.history.bubble = [];
      $("chat-bubble").replaceChildren();
      this.showChatEmpty();
    }
    $("toggle-share").hidden = this.presenter !== this.me;
    this.calls?.update(peers, { bubble: mine, presenter: this.presenter });
    this.renderPeople();
  }

  // --- the people panel, the lobby, host controls ----------------------------------------------

  renderPeople() {
    const inside = [...this.people.values()].sort((a, b) => a.name.localeCompare(b.name));
    $("people-count").textContent = `(${inside.length})`;
    const hearing = new Set(this.hearing());
    const list = $("room-people");
    const lobbyInside = $("lobby-inside");
    const items = inside.map((someone) => this.personItem(someone, hearing, !this.inLobby));
    // Redrawing the list must not lose a host's place among its buttons.
    const focused = document.activeElement?.closest?.("#room-people button[data-user]");
    const refocus = focused && { user: focused.dataset.user, index: [...focused.parentElement.children].indexOf(focused) };
    list.replaceChildren(...items);
    if (refocus) {
      const buttons = list.querySelectorAll(`button[data-user="${refocus.user}"]`);
      buttons[Math.min(refocus.index, buttons.length - 1)]?.focus();
    }
    lobbyInside.replaceChildren(...inside.map((someone) => this.personItem(someone, hearing, false)));
    if (!inside.length) lobbyInside.replaceChildren(element("li", {}, T.nobody_inside));
    $("room-lobby-list-wrap").hidden = !(config.can_run && this.lobby.length);
    $("room-lobby-people").replaceChildren(...this.lobby.map((someone) => element("li", {}, someone.name)));
    const lock = $("toggle-lock");
    if (lock) {
      lock.textContent = this.locked ? T.unlock : T.lock;
      lock.setAttribute("aria-pressed", String(this.locked));
    }
  }

  personItem(someone, hearing, withControls) {
    const item = element("li", { "data-person": someone.id });
    if (someone.avatar?.x != null) {
      item.dataset.x = someone.avatar.x.toFixed(2);
      item.dataset.y = someone.avatar.y.toFixed(2);
    }
    const notes = [];
    if (someone.id === this.me) notes.push(T.you);
    if (someone.role === "host") notes.push(T.host);
    if (someone.id === this.presenter) notes.push(T.presenter);
    if (someone.muted) notes.push(T.muted);
    if (hearing.has(someone.id)) notes.push(T.in_bubble);
    const label = element("span", { class: "room-person-name" }, someone.name);
    item.append(label);
    if (someone.agency) item.append(element("span", { class: "room-person-agency" }, ` · ${someone.agency}`));
    if (notes.length) item.append(element("span", { class: "room-person-notes" }, ` (${notes.join(", ")})`));
    if (withControls && config.can_run && someone.id !== this.me) {
      const controls = element("span", { class: "room-person-controls" });
      const add = (text, op) => {
        const button = element("button", { type: "button", class: "button button-secondary", "data-op": op, "data-user": someone.id }, fill(text, { name: someone.name }));
        controls.append(button);
      };
      add(someone.muted ? T.unmute : T.mute, someone.muted ? "unmute" : "mute");
      if (someone.id !== this.presenter) add(T.make_presenter, "presenter");
      add(T.remove, "remove");
      item.append(controls);
    }
    return item;
  }

  hostAction(op, user) {
    if (op === "remove" && !window.confirm(fill(T.remove_confirm, { name: this.nameOf(user) }))) return;
    this.send(user ? { t: "host", op, user } : { t: "host", op });
  }

  // --- chat ------------------------------------------------------------------------------------

  chatReceived(raw, live) {
    const from = Number(raw.user ?? raw.from ?? raw.user_id ?? 0);
    const bubble = raw.bubble ?? (raw.scope === "bubble" ? this.myBubble() : "");
    const scope = bubble ? "bubble" : "room";
    if (scope === "bubble" && bubble !== this.myBubble() && live) return;
    const name = raw.name ?? this.nameOf(from);
    const line = { from, name, text: String(raw.text ?? ""), at: raw.at ?? null };
    this.history[scope].push(line);
    const log = $(scope === "room" ? "chat-room" : "chat-bubble");
    log.querySelector(".room-chat-empty")?.remove();
    const item = element("li", { class: from === this.me ? "room-chat-mine" : "" });
    item.append(element("strong", {}, from === this.me ? T.you : name), document.createTextNode(`: ${line.text}`));
    if (line.at) {
      const at = new Date(line.at);
      if (!Number.isNaN(at.getTime())) {
        item.prepend(element("time", { datetime: at.toISOString() },
          `${at.toLocaleTimeString(document.documentElement.lang || "id", { hour: "2-digit", minute: "2-digit" })} `));
      }
    }
    log.append(item);
    log.parentElement.scrollTop = log.parentElement.scrollHeight;
  }

  showChatEmpty() {
    for (const [scope, id] of [["room", "chat-room"], ["bubble", "chat-bubble"]]) {
      const log = $(id);
      if (!log.children.length) {
        const text = scope === "bubble" && !this.myBubble() ? T.no_bubble : T.chat_empty;
        log.append(element("li", { class: "room-chat-empty" }, text));
      }
    }
  }

  chooseTab(scope, focus) {
    this.scope = scope;
    for (const tab of document.querySelectorAll("[role=tab][data-scope]")) {
      const selected = tab.dataset.scope === scope;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
      $(tab.getAttribute("aria-controls")).hidden = !selected;
      if (selected && focus) tab.focus();
    }
  }

  // --- walking ---------------------------------------------------------------------------------

  // Called by the map as our avatar walks: tell the server, at most every SEND_EVERY_MS.
  walked(x, y) {
    this.markPosition(this.me, x, y);
    const now = performance.now();
    const wait = SEND_EVERY_MS - (now - this.lastSent);
    clearTimeout(this.pendingSend);
    const go = () => {
      this.lastSent = performance.now();
      this.send({ t: "move", x: Math.round(x * 100) / 100, y: Math.round(y * 100) / 100 });
    };
    if (wait <= 0) go();
    else this.pendingSend = setTimeout(go, wait);
  }

  // --- the page --------------------------------------------------------------------------------

  // The people list carries where each person stands (tiles), for whoever reads the page's
  // structure rather than the canvas (and for the browser test).
  markPosition(id, x, y) {
    const item = $("room-people").querySelector(`[data-person="${Number(id)}"]`);
    if (!item) return;
    item.dataset.x = x.toFixed(2);
    item.dataset.y = y.toFixed(2);
  }

  status(text) {
    const line = $("room-status");
    if (line.textContent !== text) line.textContent = text;
  }

  announce(text) {
    const region = $("room-announcer");
    region.textContent = "";
    setTimeout(() => { region.textContent = text; }, 50);
  }

  bindPage() {
    $("chat-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const input = $("chat-text");
      const text = input.value.trim();
      if (!text) return;
      if (text.length > 1000) return this.announce(T.chat_too_long);
      if (this.send({ t: "chat", text, scope: this.scope })) input.value = "";
    });
    const tabs = [...document.querySelectorAll("[role=tab][data-scope]")];
    for (const tab of tabs) {
      tab.addEventListener("click", () => this.chooseTab(tab.dataset.scope, false));
      tab.addEventListener("keydown", (event) => {
        if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
        event.preventDefault();
        const next = tabs[(tabs.indexOf(tab) + 1) % tabs.length];
        this.chooseTab(next.dataset.scope, true);
      });
    }
    document.addEventListener("click", (event) => {
      const button = event.target.closest?.("button[data-op]");
      if (button) this.hostAction(button.dataset.op, Number(button.dataset.user));
    });
    $("toggle-lock")?.addEventListener("click", () => this.hostAction(this.locked ? "unlock" : "lock"));
    for (const button of document.querySelectorAll("[data-step]")) {
      button.addEventListener("click", () => {
        const [dx, dy] = button.dataset.step.split(",").map(Number);
        this.map?.step(dx, dy);
      });
    }
  }
}

if (document.querySelector("[data-meeting-room]") && config.ws_path) {
  new Room();
}
