"""Quick start: prepare the database (migrations, starter data, first admin) and serve with waitress."""

import argparse
import contextlib
import os

from app import create_app
from app.bootstrap import prepare


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the MICIC learning platform.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("PORT", 5000)), help="port (default $PORT or 5000)"
    )
    parser.add_argument("--debug", action="store_true", help="Flask's debugger and reloader, for development only")
    args = parser.parse_args()
    if args.debug and args.host not in ("127.0.0.1", "localhost", "::1"):
        parser.error("--debug runs Flask's interactive debugger: serve it on 127.0.0.1 only")

    app = create_app()
    # With the reloader, only the first process prepares; the child serves.
    if not (args.debug and os.environ.get("WERKZEUG_RUN_MAIN")):
        prepare(app)
    if args.debug:
        app.run(host=args.host, port=args.port, debug=True)
        return

    from waitress import serve

    print(f"Serving on http://{args.host}:{args.port}  (Ctrl-C to stop)", flush=True)
    # waitress usually returns by itself on Ctrl-C; either way we stop cleanly.
    with contextlib.suppress(KeyboardInterrupt):
        serve(app, host=args.host, port=args.port, threads=8, ident="micic")
    print("Stopped.")


if __name__ == "__main__":
    main()
