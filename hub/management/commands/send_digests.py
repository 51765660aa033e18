from django.core.management.base import BaseCommand

from hub.notifications import send_digests


class Command(BaseCommand):
    help = "Send each member one email with the notifications waiting for their daily digest. Run once a day."

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(self.style.SUCCESS(f"Sent {sent} digest email{'' if sent == 1 else 's'}."))
