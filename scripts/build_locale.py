"""Write and compile the hub's own words for Django's and allauth's messages (hub/locale/en_GB).

The hub speaks plainly (many members have learning disabilities): sentence case, "log in" not
"sign in", errors that say what to do. Django and allauth look their texts up in translation
catalogues, and LOCALE_PATHS puts this one first. Edit WORDS below, then run

    .venv/bin/python scripts/build_locale.py

(needs GNU gettext's msgfmt); commit both django.po and django.mo.
"""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "hub" / "locale" / "en_GB" / "LC_MESSAGES"

# msgid -> msgstr, or (msgid, msgid_plural) -> (singular, plural)
WORDS: dict = {
    # Django's form errors
    "This field is required.": "Please fill this in.",
    "Enter a valid email address.": "Write an email address, like name@example.org.",
    "Select a valid choice. %(value)s is not one of the available choices.": "Please choose one of the options.",
    "Select a valid choice. That choice is not one of the available choices.": "Please choose one of the options.",
    (
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
    ): (
        "Write at least %(limit_value)d character. You wrote %(show_value)d.",
        "Write at least %(limit_value)d characters. You wrote %(show_value)d.",
    ),
    (
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
    ): (
        "Write at most %(limit_value)d character. You wrote %(show_value)d.",
        "Write at most %(limit_value)d characters. You wrote %(show_value)d.",
    ),
    # Passwords
    (
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ): (
        "This password is too short. Use at least %d character.",
        "This password is too short. Use at least %d characters.",
    ),
    "This password is too common.": "Many people use this password, so it is easy to guess. Choose another one.",
    "This password is entirely numeric.": "Use some letters too, not only numbers.",
    "The password is too similar to the %(verbose_name)s.": "The password is too like your %(verbose_name)s. Choose another one.",
    "Your password can’t be entirely numeric.": "Use some letters too, not only numbers.",
    "Your password can’t be too similar to your other personal information.": "Do not use your name or email address in your password.",
    # Accounts (django-allauth)
    "A user with that username already exists.": "Someone already has this username. Choose another one.",
    "A user is already registered with this email address.": "There is already an account with this email address. Log in, or reset your password.",
    "You must type the same password each time.": "The two passwords are different. Type the same password twice.",
    "The username and/or password you specified are not correct.": "The username or the password is wrong. Check them and try again.",
    "The email address and/or password you specified are not correct.": "The email address or the password is wrong. Check them and try again.",
    "Too many failed login attempts. Try again later.": "Too many tries. Wait about 5 minutes, then try again.",
    "Successfully signed in as %(name)s.": "You are logged in as %(name)s.",
    "You have signed out.": "You are logged out.",
    "You have confirmed %(email)s.": "Thank you. Your email address %(email)s is confirmed.",
    "Confirmation email sent to %(email)s.": "We sent an email to %(email)s. Open it and press the link inside.",
    "Sign In": "Log in",
    "Sign Up": "Create an account",
    "Sign Out": "Log out",
    "Are you sure you want to sign out?": "Do you want to log out?",
    "Password Reset": "Reset your password",
    "Forgot Password?": "Forgotten your password?",
    "Reset My Password": "Send me the link",
    "Change Password": "Change your password",
    "Set Password": "Set a password",
    "Bad Token": "This link does not work",
    "Email Addresses": "Your email addresses",
    "Add Email Address": "Add an email address",
    "Add Email": "Add this address",
    "Make Primary": "Use this one first",
    "Re-send Verification": "Send the email again",
    "Remove": "Remove",
    "Confirm Email Address": "Confirm your email address",
    "Verify Your Email Address": "Check your email",
    "Account Inactive": "This account is switched off",
    "This account is inactive.": "This account is switched off. Write to us if you think this is wrong.",
}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main() -> None:
    lines = [
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        '"Language: en_GB\\n"',
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
        "",
    ]
    for msgid, msgstr in WORDS.items():
        if isinstance(msgid, tuple):
            lines += [f"msgid {_quote(msgid[0])}", f"msgid_plural {_quote(msgid[1])}"]
            lines += [f"msgstr[0] {_quote(msgstr[0])}", f"msgstr[1] {_quote(msgstr[1])}", ""]
        else:
            lines += [f"msgid {_quote(msgid)}", f"msgstr {_quote(msgstr)}", ""]
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "django.po").write_text("# Generated by scripts/build_locale.py: edit WORDS there.\n" + "\n".join(lines))
    subprocess.run(["msgfmt", "--check-format", "-o", str(OUT / "django.mo"), str(OUT / "django.po")], check=True)
    print(f"{len(WORDS)} texts in {OUT / 'django.po'}")


if __name__ == "__main__":
    main()
