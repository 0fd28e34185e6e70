// Voice, video and the presenter's screen (room.js decides who hears whom from the server's
// bubbles and calls `update(peers)`):
// - up to 3 others (a bubble of 4 with us): one RTCPeerConnection per other person (a mesh),
//   signalled through the room's websocket ({"t":"signal","to":id,"data":{description|candidates|
//   screen}}), "perfect negotiation" so that both sides may start: the one with the higher id is
//   polite and yields when offers cross;
// - more than that: through LiveKit when the server says an SFU is configured (a token from
//   /rapat/<code>/livekit-token/), otherwise no media and a clear message: text chat still works;
// - the presenter shares a screen (getDisplayMedia): sent on their connections and shown on the
//   stage's screen by everyone who receives it.
// Camera and microphone are asked for only when there is someone to talk to.

const MESH_MAX_OTHERS = 3;
const CANDIDATE_BATCH_MS = 150;

function cookie(name) {
  return document.cookie.split("; ").find((row) => row.startsWith(`${name}=`))?.split("=")[1] ?? "";
}

export class Calls {
  constructor(options) {
    Object.assign(this, options);
    this.peers = new Map();
    this.wanted = new Set();
    this.local = null;
    this.localAsked = null;
    this.screenStream = null;
    this.remoteScreens = new Map(); // peer id -> announced stream id
    this.remoteStreams = new Map(); // stream id -> MediaStream
    this.micOn = true;
    this.camOn = true;
    this.forcedMute = false;
    this.sharing = false;
    this.sfuRoom = null;
    this.controls.mic.addEventListener("click", () => this.toggleMic());
    this.controls.cam.addEventListener("click", () => this.toggleCam());
    this.controls.share.addEventListener("click", () => (this.screenStream ? this.stopShare() : this.share()));
  }

  setIceServers(list) {
    this.iceServers = list;
  }

  // --- who we connect to -------------------------------------------------------------------------

  update(others, { presenter } = {}) {
    this.presenter = presenter;
    let wanted = others;
    if (others.length > MESH_MAX_OTHERS) {
      wanted = [];
      if (this.sfu) {
        this.say(this.texts.sfu_connecting);
        this.joinSfu();
      } else {
        this.say(this.texts.too_many_p2p);
      }
    } else {
      this.leaveSfu();
      this.say("");
    }
    this.wanted = new Set(wanted);
    for (const id of [...this.peers.keys()]) if (!this.wanted.has(id)) this.close(id);
    for (const id of wanted) if (!this.peers.has(id)) this.open(id);
    if (!wanted.length && !this.screenStream && !this.sfuRoom) this.stopLocal();
  }

  say(text) {
    if (this.notice.textContent !== text) this.notice.textContent = text;
  }

  // --- one connection per other person --------------------------------------------------------

  open(id) {
    const pc = new RTCPeerConnection({ iceServers: this.iceServers ?? [] });
    const peer = { id, pc, polite: this.me > id, makingOffer: false, ignoreOffer: false, tile: this.tile(id),
      candidates: [], candidateTimer: null };
    this.peers.set(id, peer);
    pc.addEventListener("negotiationneeded", async () => {
      try {
        peer.makingOffer = true;
        await pc.setLocalDescription();
        this.send(id, { description: pc.localDescription.toJSON() });
      } catch (error) {
        console.warn("Anrong: offer failed", error);
      } finally {
        peer.makingOffer = false;
      }
    });
    // Candidates go out together, a batch every CANDIDATE_BATCH_MS (the room limits messages).
    pc.addEventListener("icecandidate", ({ candidate }) => {
      if (!candidate) return;
      peer.candidates.push(candidate.toJSON());
      peer.candidateTimer ??= setTimeout(() => {
        peer.candidateTimer = null;
        const batch = peer.candidates.splice(0);
        if (batch.length && this.peers.get(id) === peer) this.send(id, { candidates: batch });
      }, CANDIDATE_BATCH_MS);
    });
    pc.addEventListener("track", ({ track, streams }) => this.received(peer, track, streams[0]));
    const state = () => {
      peer.tile.dataset.state = pc.connectionState;
      peer.tile.dataset.ice = pc.iceConnectionState;
      if (pc.connectionState === "failed") pc.restartIce();
    };
    pc.addEventListener("connectionstatechange", state);
    pc.addEventListener("iceconnectionstatechange", state);
    state();
    this.media().then((stream) => {
      if (this.peers.get(id) !== peer) return;
      if (stream) {
        for (const track of stream.getTracks()) pc.addTrack(track, stream);
      } else {
        pc.addTransceiver("audio", { direction: "recvonly" });
        pc.addTransceiver("video", { direction: "recvonly" });
      }
      if (this.screenStream) this.addScreen(peer);
    });
    return peer;
  }

  close(id) {
    const peer = this.peers.get(id);
    if (!peer) return;
    this.peers.delete(id);
    peer.pc.close();
    peer.tile.remove();
    const screenId = this.remoteScreens.get(id);
    this.remoteScreens.delete(id);
    if (screenId && this.screen.video.srcObject?.id === screenId) this.hideScreen();
  }

  closeAll() {
    for (const id of [...this.peers.keys()]) this.close(id);
    this.leaveSfu();
    this.stopLocal();
  }

  send(to, data) {
    this.sendSignal(to, data);
  }

  async signal(from, data) {
    if (!data || typeof data !== "object") return;
    let peer = this.peers.get(from);
    if (!peer) {
      // The server relays only within a conversation: they saw the bubble before we did.
      if (data.description?.type !== "offer") return;
      peer = this.open(from);
    }
    const pc = peer.pc;
    try {
      if (data.description) {
        const offer = data.description.type === "offer";
        const collision = offer && (peer.makingOffer || pc.signalingState !== "stable");
        peer.ignoreOffer = !peer.polite && collision;
        if (peer.ignoreOffer) return;
        await pc.setRemoteDescription(data.description);
        if (offer) {
          await pc.setLocalDescription();
          this.send(from, { description: pc.localDescription.toJSON() });
        }
      }
      for (const candidate of data.candidates ?? (data.candidate ? [data.candidate] : [])) {
        try {
          await pc.addIceCandidate(candidate);
        } catch (error) {
          if (!peer.ignoreOffer) throw error;
        }
      }
      if ("screen" in data) {
        if (data.screen) {
          this.remoteScreens.set(from, String(data.screen));
          const stream = this.remoteStreams.get(String(data.screen));
          if (stream) this.showScreen(stream, from);
        } else {
          this.remoteScreens.delete(from);
          this.hideScreen();
        }
      }
    } catch (error) {
      console.warn("Anrong: signalling failed", error);
    }
  }

  received(peer, track, stream) {
    if (!stream) return;
    this.remoteStreams.set(stream.id, stream);
    if (this.remoteScreens.get(peer.id) === stream.id) {
      this.showScreen(stream, peer.id);
      return;
    }
    const video = peer.tile.querySelector("video");
    video.muted = this.isMuted(Number(peer.id));
    if (video.srcObject !== stream) {
      video.srcObject = stream;
      video.play().catch(() => {});
    }
  }

  // A host muted someone: besides their own browser turning the microphone off, every listener
  // stops playing their audio, so a modified client cannot talk over the mute peer-to-peer.
  silence(id, muted) {
    const video = this.videos.querySelector(`[data-peer="${id}"] video`);
    if (video) video.muted = muted;
  }

  tile(id) {
    const figure = document.createElement("figure");
    figure.className = "room-video";
    figure.dataset.peer = id;
    figure.dataset.state = "new";
    const video = document.createElement("video");
    video.autoplay = true;
    video.playsInline = true;
    video.setAttribute("aria-label", this.texts.video_of.replace("{name}", this.nameOf(id)));
    const caption = document.createElement("figcaption");
    caption.textContent = this.nameOf(id);
    figure.append(video, caption);
    this.videos.append(figure);
    return figure;
  }

  // --- our camera and microphone -----------------------------------------------------------------

  media() {
    if (this.local) return Promise.resolve(this.local);
    if (!this.localAsked) {
      this.localAsked = navigator.mediaDevices
        .getUserMedia({ audio: true, video: { width: { ideal: 320 }, height: { ideal: 240 }, frameRate: { ideal: 15 } } })
        .then((stream) => {
          this.local = stream;
          this.applyTrackStates();
          this.showLocal(stream);
          return stream;
        })
        .catch((error) => {
          console.warn("Anrong: no camera or microphone", error);
          this.say(this.texts.media_denied);
          return null;
        })
        .finally(() => {
          this.localAsked = null;
        });
    }
    return this.localAsked;
  }

  showLocal(stream) {
    let figure = this.videos.querySelector("[data-local]");
    if (!figure) {
      figure = document.createElement("figure");
      figure.className = "room-video room-video-mine";
      figure.dataset.local = "";
      const video = document.createElement("video");
      video.autoplay = true;
      video.muted = true;
      video.playsInline = true;
      video.setAttribute("aria-label", this.texts.video_of.replace("{name}", this.texts.you));
      const caption = document.createElement("figcaption");
      caption.textContent = this.texts.you;
      figure.append(video, caption);
      this.videos.prepend(figure);
    }
    const video = figure.querySelector("video");
    video.srcObject = stream;
    video.play().catch(() => {});
  }

  stopLocal() {
    if (!this.local) return;
    for (const track of this.local.getTracks()) track.stop();
    this.local = null;
    this.videos.querySelector("[data-local]")?.remove();
  }

  applyTrackStates() {
    for (const track of this.local?.getAudioTracks() ?? []) track.enabled = this.micOn && !this.forcedMute;
    for (const track of this.local?.getVideoTracks() ?? []) track.enabled = this.camOn;
    const mic = this.micOn && !this.forcedMute;
    this.controls.mic.textContent = mic ? this.texts.mic_on : this.texts.mic_off;
    this.controls.mic.setAttribute("aria-pressed", String(!mic));
    this.controls.mic.disabled = this.forcedMute;
    this.controls.cam.textContent = this.camOn ? this.texts.cam_on : this.texts.cam_off;
    this.controls.cam.setAttribute("aria-pressed", String(!this.camOn));
    this.sfuRoom?.localParticipant.setMicrophoneEnabled(mic);
    this.sfuRoom?.localParticipant.setCameraEnabled(this.camOn);
  }

  toggleMic() {
    if (this.forcedMute) return;
    this.micOn = !this.micOn;
    this.applyTrackStates();
  }

  toggleCam() {
    this.camOn = !this.camOn;
    this.applyTrackStates();
  }

  setForcedMute(muted) {
    this.forcedMute = muted;
    this.applyTrackStates();
  }

  // --- the presenter's screen --------------------------------------------------------------------

  async share() {
    if (this.presenter !== this.me) return;
    try {
      this.screenStream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    } catch (error) {
      console.warn("Anrong: no screen", error);
      this.say(this.texts.share_failed);
      return;
    }
    const [track] = this.screenStream.getVideoTracks();
    track.addEventListener("ended", () => this.stopShare());
    this.sharing = true;
    this.showScreen(this.screenStream, this.me);
    for (const peer of this.peers.values()) this.addScreen(peer);
    this.controls.share.textContent = this.texts.share_stop;
  }

  addScreen(peer) {
    const [track] = this.screenStream.getVideoTracks();
    if (!track || peer.screenSender) return;
    this.send(peer.id, { screen: this.screenStream.id });
    peer.screenSender = peer.pc.addTrack(track, this.screenStream);
  }

  stopShare() {
    if (!this.screenStream) return;
    for (const track of this.screenStream.getTracks()) track.stop();
    for (const peer of this.peers.values()) {
      if (peer.screenSender) {
        peer.pc.removeTrack(peer.screenSender);
        peer.screenSender = null;
        this.send(peer.id, { screen: null });
      }
    }
    this.screenStream = null;
    this.sharing = false;
    this.hideScreen();
    this.controls.share.textContent = this.texts.share_start;
  }

  showScreen(stream, from) {
    this.screen.video.srcObject = stream;
    this.screen.caption.textContent = this.texts.sharing.replace("{name}", this.nameOf(from));
    this.screen.figure.hidden = false;
    this.sharing = true;
  }

  hideScreen() {
    this.screen.video.srcObject = null;
    this.screen.figure.hidden = true;
    this.sharing = Boolean(this.screenStream);
  }

  // --- the SFU (LiveKit), for conversations larger than the mesh holds -------------------------

  async joinSfu() {
    if (this.sfuRoom || this.sfuJoining || !this.sfuClientUrl) return;
    this.sfuJoining = true;
    try {
      const response = await fetch(this.tokenUrl, {
        method: "POST", credentials: "same-origin",
        headers: { "X-CSRFToken": cookie("csrftoken"), Accept: "application/json" },
      });
      if (!response.ok) throw new Error(`token: ${response.status}`);
      const { token, url } = await response.json();
      const { Room, RoomEvent } = await import(this.sfuClientUrl);
      const room = new Room({ adaptiveStream: true, dynacast: true });
      room.on(RoomEvent.TrackSubscribed, (track, _publication, participant) => {
        const id = Number(participant.identity);
        let figure = this.videos.querySelector(`[data-sfu-peer="${id}"]`);
        if (!figure) {
          figure = document.createElement("figure");
          figure.className = "room-video";
          figure.dataset.sfuPeer = id;
          const caption = document.createElement("figcaption");
          caption.textContent = this.nameOf(id);
          figure.append(caption);
          this.videos.append(figure);
        }
        figure.prepend(track.attach());
      });
      room.on(RoomEvent.ParticipantDisconnected, (participant) => {
        this.videos.querySelector(`[data-sfu-peer="${Number(participant.identity)}"]`)?.remove();
      });
      await room.connect(url, token);
      await room.localParticipant.enableCameraAndMicrophone();
      this.sfuRoom = room;
      this.applyTrackStates();
      this.say("");
    } catch (error) {
      console.warn("Anrong: SFU not reached", error);
      this.say(this.texts.too_many_p2p);
    } finally {
      this.sfuJoining = false;
    }
  }

  leaveSfu() {
    if (!this.sfuRoom) return;
    this.sfuRoom.disconnect();
    this.sfuRoom = null;
    for (const figure of this.videos.querySelectorAll("[data-sfu-peer]")) figure.remove();
  }
}
