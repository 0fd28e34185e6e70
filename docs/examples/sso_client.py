"""Sign in with the city account: a tiny relying party for an agency app.

It uses Authlib (OAuth 2.0 client over httpx) and joserfc (to verify the ID token against the
provider's published keys). The test suite drives `CityAccount` against a running Anrong, so
this file stays true. Run it as a small web app:

    pip install authlib httpx joserfc
    ANRONG_ISSUER=https://anrong.makassarkota.go.id/o \\
    CLIENT_ID=... CLIENT_SECRET=... REDIRECT_URI=http://127.0.0.1:8080/callback \\
    python sso_client.py

then open http://127.0.0.1:8080/ (register http://127.0.0.1:8080/callback as a redirect URI
and http://127.0.0.1:8080/ as a post-logout URI of a development app; production apps use
https). Leave CLIENT_SECRET empty for a public app (a mobile or single-page app): PKCE protects
the code either way.
"""

from __future__ import annotations

import html
import json
import os
import secrets
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import urlencode

import httpx
from authlib.integrations.httpx_client import OAuth2Client
from joserfc import jwt
from joserfc.jwk import KeySet


@dataclass
class Login:
    """What the app keeps (in its session) between sending the person away and their return."""

    url: str
    state: str
    nonce: str
    code_verifier: str


@dataclass
class CityAccount:
    issuer: str  # e.g. https://anrong.makassarkota.go.id/o
    client_id: str
    redirect_uri: str
    client_secret: str = ""  # empty for a public app
    scope: str = "openid profile phone"
    _metadata: dict[str, Any] = field(default_factory=dict, repr=False)

    # -- discovery ----------------------------------------------------------------------------

    def metadata(self) -> dict[str, Any]:
        """The provider's discovery document (endpoints, supported scopes and algorithms)."""
        if not self._metadata:
            response = httpx.get(f"{self.issuer}/.well-known/openid-configuration", timeout=10)
            response.raise_for_status()
            self._metadata = response.json()
            if self._metadata["issuer"] != self.issuer:
                raise ValueError("The discovery document names another issuer.")
        return self._metadata

    def client(self, **kwargs: Any) -> OAuth2Client:
        return OAuth2Client(
            client_id=self.client_id,
            client_secret=self.client_secret or None,
            token_endpoint_auth_method="client_secret_basic" if self.client_secret else "none",
            redirect_uri=self.redirect_uri,
            scope=self.scope,
            code_challenge_method="S256",
            timeout=10,
            **kwargs,
        )

    # -- the sign-in --------------------------------------------------------------------------

    def start_login(self, *, scope: str | None = None, prompt: str | None = None) -> Login:
        """Where to send the person's browser, and what to remember until they come back."""
        code_verifier = secrets.token_urlsafe(48)
        nonce = secrets.token_urlsafe(16)
        extra = {"nonce": nonce}
        if scope:
            extra["scope"] = scope
        if prompt:
            extra["prompt"] = prompt
        with self.client() as client:
            url, state = client.create_authorization_url(
                self.metadata()["authorization_endpoint"], code_verifier=code_verifier, **extra)
        return Login(url=url, state=state, nonce=nonce, code_verifier=code_verifier)

    def finish_login(self, login: Login, callback_url: str) -> dict[str, Any]:
        """The person came back to `callback_url` (?code=…&state=…): exchange the code (with the
        PKCE verifier) for tokens and verify the ID token. Returns the tokens and the claims."""
        with self.client() as client:
            token = client.fetch_token(
                self.metadata()["token_endpoint"], authorization_response=callback_url,
                state=login.state, code_verifier=login.code_verifier)
        claims = self.verify_id_token(token["id_token"], nonce=login.nonce)
        return {"token": dict(token), "claims": claims}

    def verify_id_token(self, id_token: str, *, nonce: str) -> dict[str, Any]:
        """Check the ID token's RS256 signature with the provider's JWKS, and its issuer,
        audience, expiry and nonce. Raises if anything is wrong."""
        jwks = httpx.get(self.metadata()["jwks_uri"], timeout=10).json()
        decoded = jwt.decode(id_token, KeySet.import_key_set(jwks), algorithms=["RS256"])
        jwt.JWTClaimsRegistry(
            leeway=60,
            iss={"essential": True, "value": self.issuer},
            aud={"essential": True, "value": self.client_id},
            sub={"essential": True},
            exp={"essential": True},
            nonce={"essential": True, "value": nonce},
        ).validate(decoded.claims)
        return dict(decoded.claims)

    # -- after sign-in ------------------------------------------------------------------------

    def userinfo(self, access_token: str) -> httpx.Response:
        return httpx.get(self.metadata()["userinfo_endpoint"], timeout=10,
                         headers={"Authorization": f"Bearer {access_token}"})

    def refresh(self, refresh_token: str) -> dict[str, Any]:
        """New tokens; the refresh token rotates (keep the new one, the old one stops working)."""
        with self.client() as client:
            return dict(client.refresh_token(self.metadata()["token_endpoint"],
                                             refresh_token=refresh_token))

    def logout_url(self, *, id_token: str, post_logout_redirect_uri: str, state: str = "") -> str:
        """Where to send the browser to sign the person out of the city account too."""
        params = {"id_token_hint": id_token, "post_logout_redirect_uri": post_logout_redirect_uri}
        if state:
            params["state"] = state
        return f"{self.metadata()['end_session_endpoint']}?{urlencode(params)}"


# --- A runnable demo: one page, sign in, see who you are, sign out --------------------------------


def serve(account: CityAccount, host: str = "127.0.0.1", port: int = 8080) -> None:
    sessions: dict[str, dict[str, Any]] = {}  # one process, demo only: use your framework's session

    class Handler(BaseHTTPRequestHandler):
        def _session(self) -> tuple[str, dict[str, Any]]:
            cookie = self.headers.get("Cookie", "")
            sid = next((c.split("=", 1)[1] for c in cookie.split("; ") if c.startswith("sid=")),
                       "")
            if sid not in sessions:
                sid = secrets.token_urlsafe(16)
                sessions[sid] = {}
            return sid, sessions[sid]

        def _send(self, status: int, body: str = "", location: str = "", sid: str = "") -> None:
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            if sid:
                self.send_header("Set-Cookie", f"sid={sid}; HttpOnly; SameSite=Lax; Path=/")
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body.encode())

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            sid, session = self._session()
            base = f"http://{host}:{port}"
            if self.path == "/login":
                login = account.start_login()
                session["login"] = login
                return self._send(302, location=login.url, sid=sid)
            if self.path.startswith("/callback"):
                login = session.pop("login", None)
                if login is None or "error=" in self.path:
                    return self._send(400, "Sign-in cancelled or failed. <a href='/'>Back</a>", sid=sid)
                session["result"] = account.finish_login(login, base + self.path)
                return self._send(302, location="/", sid=sid)
            if self.path == "/logout" and "result" in session:
                result = session.pop("result")
                return self._send(302, sid=sid, location=account.logout_url(
                    id_token=result["token"]["id_token"], post_logout_redirect_uri=base + "/"))
            result = session.get("result")
            if result:
                claims = html.escape(json.dumps(result["claims"], indent=2))
                body = f"<pre>{claims}</pre><p><a href='/logout'>Sign out</a></p>"
            else:
                body = "<p><a href='/login'>Sign in with the city account</a></p>"
            return self._send(200, body, sid=sid)

    HTTPServer((host, port), Handler).serve_forever()


if __name__ == "__main__":
    serve(CityAccount(
        issuer=os.environ["ANRONG_ISSUER"],
        client_id=os.environ["CLIENT_ID"],
        client_secret=os.environ.get("CLIENT_SECRET", ""),
        redirect_uri=os.environ.get("REDIRECT_URI", "http://127.0.0.1:8080/callback"),
    ))
