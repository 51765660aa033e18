"""The container's HEALTHCHECK: asks this app server's /healthz; exit 0 when it answers 200.

Standard library only, so it runs in the image without curl. 200 means ok or degraded (the cache is
down but pages answer); anything else, or no answer within the time-out, is unhealthy.
"""

import os
import sys
import urllib.error
import urllib.request

URL = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}/healthz"


def main() -> int:
    try:
        with urllib.request.urlopen(URL, timeout=4) as response:
            print(response.read(500).decode("utf-8", "replace"))
            return 0 if response.status == 200 else 1
    except urllib.error.HTTPError as error:
        print(f"{error.code}: {error.read(500).decode('utf-8', 'replace')}")
    except OSError as error:
        print(f"No answer from {URL}: {error}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
