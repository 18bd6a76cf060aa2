<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AppOptions</name>
    <message>
        <source>Courier Feedback: collect and follow up delivery feedback, offline first.</source>
        <translation>Courier Feedback: Feedback zu Lieferungen erfassen und nachbearbeiten, offline zuerst.</translation>
    </message>
    <message>
        <source>Profile directory (default: FEEDBACK_PROFILE, else the user&apos;s application data).</source>
        <translation>Profilverzeichnis (Standard: FEEDBACK_PROFILE, sonst die Anwendungsdaten des Benutzers).</translation>
    </message>
    <message>
        <source>kiosk, dispatcher or field (for this run; the settings keep the usual one).</source>
        <translation>kiosk, dispatcher oder field (nur für diesen Start; die Einstellungen behalten den üblichen Modus).</translation>
    </message>
    <message>
        <source>Relay URL (ws:// or wss://); saved in the profile.</source>
        <translation>Relay-URL (ws:// oder wss://); wird im Profil gespeichert.</translation>
    </message>
    <message>
        <source>Read the profile passphrase from FILE (where there is no keychain).</source>
        <translation>Passphrase des Profils aus FILE lesen (wenn kein Schlüsselbund vorhanden ist).</translation>
    </message>
</context>
<context>
    <name>CaptureForm</name>
    <message>
        <source>How was your delivery?</source>
        <translation>Wie war Ihre Lieferung?</translation>
    </message>
    <message>
        <source>&amp;Order number</source>
        <translation>&amp;Bestellnummer</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>Bestellnummer</translation>
    </message>
    <message>
        <source>Scan the receipt or type, e.g. ORD-123456</source>
        <translation>Beleg scannen oder eintippen, z. B. ORD-123456</translation>
    </message>
    <message>
        <source>&amp;Courier number</source>
        <translation>Kurier&amp;nummer</translation>
    </message>
    <message>
        <source>Courier number</source>
        <translation>Kuriernummer</translation>
    </message>
    <message>
        <source>On the courier&apos;s badge, e.g. 42</source>
        <translation>Auf dem Ausweis des Kuriers, z. B. 42</translation>
    </message>
    <message>
        <source>&amp;Rating</source>
        <translation>Be&amp;wertung</translation>
    </message>
    <message>
        <source>What stood out?</source>
        <translation>Was ist Ihnen aufgefallen?</translation>
    </message>
    <message>
        <source>Co&amp;mment</source>
        <translation>Ko&amp;mmentar</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Optional: tell us more</source>
        <translation>Optional: Erzählen Sie uns mehr</translation>
    </message>
    <message>
        <source>You may &amp;publish my rating and comment</source>
        <translation>Meine Bewertung und mein Kommentar dürfen &amp;veröffentlicht werden</translation>
    </message>
    <message>
        <source>Publish consent</source>
        <translation>Einwilligung zur Veröffentlichung</translation>
    </message>
    <message>
        <source>Please &amp;contact me about this delivery</source>
        <translation>Bitte &amp;kontaktieren Sie mich zu dieser Lieferung</translation>
    </message>
    <message>
        <source>&amp;Send feedback</source>
        <translation>Feedback &amp;senden</translation>
    </message>
    <message>
        <source>Send feedback</source>
        <translation>Feedback senden</translation>
    </message>
    <message>
        <source>Contact me</source>
        <translation>Kontakt gewünscht</translation>
    </message>
    <message>
        <source>How can we reach you? Phone or &amp;e-mail (optional)</source>
        <translation>Wie erreichen wir Sie? Telefon oder &amp;E-Mail (freiwillig)</translation>
    </message>
    <message>
        <source>Phone or e-mail</source>
        <translation>Telefon oder E-Mail</translation>
    </message>
    <message>
        <source>030 1234567 or name@example.com</source>
        <translation>030 1234567 oder name@example.com</translation>
    </message>
</context>
<context>
    <name>DispatcherView</name>
    <message>
        <source>Records and analytics</source>
        <translation>Einträge und Auswertung</translation>
    </message>
    <message>
        <source>&amp;Records</source>
        <translation>&amp;Einträge</translation>
    </message>
    <message>
        <source>Find text</source>
        <translation>Suchtext</translation>
    </message>
    <message>
        <source>Order, comment, assignee or courier</source>
        <translation>Bestellung, Kommentar, Zuständige oder Kurier</translation>
    </message>
    <message>
        <source>Ra&amp;ting</source>
        <translation>&amp;Bewertung</translation>
    </message>
    <message>
        <source>Lowest rating</source>
        <translation>Niedrigste Bewertung</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Highest rating</source>
        <translation>Höchste Bewertung</translation>
    </message>
    <message>
        <source>Courier number</source>
        <translation>Kuriernummer</translation>
    </message>
    <message>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>S&amp;tatus</translation>
    </message>
    <message>
        <source>Follow-up status</source>
        <translation>Bearbeitungsstatus</translation>
    </message>
    <message>
        <source>Fro&amp;m</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Startdatum</translation>
    </message>
    <message>
        <source>T&amp;o</source>
        <translation>B&amp;is</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Enddatum</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>&amp;Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Feedback records</source>
        <translation>Feedback-Einträge</translation>
    </message>
    <message>
        <source>&amp;Analytics</source>
        <translation>Aus&amp;wertung</translation>
    </message>
    <message>
        <source>F&amp;ind</source>
        <translation>S&amp;uchen</translation>
    </message>
    <message>
        <source>R&amp;eason</source>
        <translation>&amp;Grund</translation>
    </message>
    <message>
        <source>Reason given</source>
        <translation>Angegebener Grund</translation>
    </message>
    <message>
        <source>&amp;Courier</source>
        <translation>&amp;Kurier</translation>
    </message>
    <message>
        <source>Needs follo&amp;w-up</source>
        <translation>Nachbea&amp;rbeitung nötig</translation>
    </message>
    <message>
        <source>Co&amp;nflicts only</source>
        <translation>Nur K&amp;onflikte</translation>
    </message>
    <message>
        <source>Only records edited on two devices at once</source>
        <translation>Nur Einträge, die auf zwei Geräten gleichzeitig bearbeitet wurden</translation>
    </message>
    <message>
        <source>Save the records the filters show as CSV (for spreadsheets) or JSON</source>
        <translation>Die Einträge, die die Filter zeigen, als CSV (für Tabellenkalkulationen) oder JSON speichern</translation>
    </message>
    <message>
        <source>My follow-u&amp;ps</source>
        <translation>&amp;Meine Nachbearbeitungen</translation>
    </message>
    <message>
        <source>Only records assigned to you (the name you give on this desk)</source>
        <translation>Nur Einträge, die Ihnen zugewiesen sind (unter dem Namen, den Sie an diesem Arbeitsplatz angeben)</translation>
    </message>
</context>
<context>
    <name>DisplayDates</name>
    <message>
        <source>MMM d</source>
        <comment>day and month on the analytics chart&apos;s axis, as a QDateTime format (MMM: abbreviated month name)</comment>
        <translation>d. MMM</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Publish consent</source>
        <translation>Einwilligung zur Veröffentlichung</translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation>Nachbearbeitung nötig</translation>
    </message>
    <message>
        <source>Follow-up status</source>
        <translation>Bearbeitungsstatus</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Contact requested</source>
        <translation>Kontakt gewünscht</translation>
    </message>
    <message>
        <source>Phone or e-mail</source>
        <translation>Telefon oder E-Mail</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>Allow an unencrypted connection (insecure)</source>
        <translation>Unverschlüsselte Verbindung erlauben (unsicher)</translation>
    </message>
    <message>
        <source>Only for a relay on a network you trust: with ws:// anyone on the way can read and change what is sent.</source>
        <translation>Nur für ein Relay in einem vertrauenswürdigen Netz: mit ws:// kann jeder auf dem Weg mitlesen und ändern, was gesendet wird.</translation>
    </message>
    <message>
        <source>Set up Courier Feedback</source>
        <translation>Courier Feedback einrichten</translation>
    </message>
    <message>
        <source>Welcome. Set up this device once; you can change everything later in the settings.</source>
        <translation>Willkommen. Richten Sie dieses Gerät einmal ein; alles lässt sich später in den Einstellungen ändern.</translation>
    </message>
    <message>
        <source>&amp;Use this device as</source>
        <translation>Gerät &amp;verwenden als</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Device name</source>
        <translation>Gerätename</translation>
    </message>
    <message>
        <source>&amp;Create a new workspace (the first device of a company)</source>
        <translation>Neuen Arbeitsbereich &amp;anlegen (erstes Gerät einer Firma)</translation>
    </message>
    <message>
        <source>&amp;Join a workspace with an invite code</source>
        <translation>Einem Arbeitsbereich mit Einladungscode &amp;beitreten</translation>
    </message>
    <message>
        <source>In&amp;vite code</source>
        <translation>Einladungs&amp;code</translation>
    </message>
    <message>
        <source>Invite code</source>
        <translation>Einladungscode</translation>
    </message>
    <message>
        <source>cf1-…</source>
        <translation>cf1-…</translation>
    </message>
    <message>
        <source>&amp;Relay address</source>
        <translation>&amp;Relay-Adresse</translation>
    </message>
    <message>
        <source>Relay address</source>
        <translation>Relay-Adresse</translation>
    </message>
    <message>
        <source>wss://relay.example.com (from the invite code when joining)</source>
        <translation>wss://relay.example.com (beim Beitreten aus dem Einladungscode)</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>&amp;Passphrase</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Only needed where the system keychain is missing</source>
        <translation>Nur nötig, wenn der System-Schlüsselbund fehlt</translation>
    </message>
    <message>
        <source>Repeat passphrase</source>
        <translation>Passphrase wiederholen</translation>
    </message>
    <message>
        <source>Kiosk P&amp;IN</source>
        <translation>Kiosk-P&amp;IN</translation>
    </message>
    <message>
        <source>Kiosk PIN</source>
        <translation>Kiosk-PIN</translation>
    </message>
    <message>
        <source>At least 4 digits; staff need it to leave the kiosk</source>
        <translation>Mindestens 4 Ziffern; das Personal braucht sie zum Verlassen des Kiosks</translation>
    </message>
    <message>
        <source>How this device is used decides what it shows; its name tells dispatchers where feedback was entered.</source>
        <translation>Wie dieses Gerät genutzt wird, bestimmt, was es zeigt; sein Name sagt der Disposition, wo Feedback erfasst wurde.</translation>
    </message>
    <message>
        <source>Device na&amp;me</source>
        <translation>Geräte&amp;name</translation>
    </message>
    <message>
        <source>A workspace is one company&apos;s feedback: create it on the first device and join it with an invite code on the others; the relay passes it on, encrypted.</source>
        <translation>Ein Arbeitsbereich ist das Feedback einer Firma: auf dem ersten Gerät anlegen, auf den anderen mit einem Einladungscode beitreten; das Relay gibt es verschlüsselt weiter.</translation>
    </message>
    <message>
        <source>S&amp;ync with the relay (off: feedback stays on this device)</source>
        <translation>Mit dem Relay s&amp;ynchronisieren (aus: Feedback bleibt auf diesem Gerät)</translation>
    </message>
    <message>
        <source>&amp;Repeat passphrase</source>
        <translation>Passphrase &amp;wiederholen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>B&amp;eenden</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Zurück</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Weiter &gt;</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Ad&amp;mission token</source>
        <translation>Zu&amp;lassungs-Token</translation>
    </message>
    <message>
        <source>Admission token</source>
        <translation>Zulassungs-Token</translation>
    </message>
    <message>
        <source>cfa1-… (only if the relay&apos;s operator gave you one)</source>
        <translation>cfa1-… (nur wenn der Betreiber des Relays Ihnen eines gegeben hat)</translation>
    </message>
    <message>
        <source>A relay that serves only the workspaces its operator admitted takes a new workspace with the token the operator made for it (feedback-relay admit --token).</source>
        <translation>Ein Relay, das nur vom Betreiber zugelassene Arbeitsbereiche bedient, nimmt einen neuen Arbeitsbereich mit dem Token an, das der Betreiber dafür erstellt hat (feedback-relay admit --token).</translation>
    </message>
</context>
<context>
    <name>FollowUp</name>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In Bearbeitung</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
</context>
<context>
    <name>Modes</name>
    <message>
        <source>Dispatcher desk</source>
        <translation>Disponenten-Arbeitsplatz</translation>
    </message>
    <message>
        <source>Feedback kiosk (full screen)</source>
        <translation>Feedback-Kiosk (Vollbild)</translation>
    </message>
    <message>
        <source>Field laptop</source>
        <translation>Außendienst-Laptop</translation>
    </message>
    <message>
        <source>A kiosk needs a PIN of 4 to 12 digits, so that customers cannot leave it.</source>
        <translation>Ein Kiosk braucht eine PIN mit 4 bis 12 Ziffern, damit Kunden ihn nicht verlassen können.</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>%1 kiosk</source>
        <translation>Kiosk %1</translation>
    </message>
    <message>
        <source>%1 laptop</source>
        <translation>Laptop %1</translation>
    </message>
    <message>
        <source>%1 desk</source>
        <translation>Disposition %1</translation>
    </message>
</context>
<context>
    <name>OrderLink</name>
    <message>
        <source>The order link must contain {orderId} where the order number goes, for example https://orders.example/{orderId}.</source>
        <translation>Der Bestelllink muss {orderId} dort enthalten, wo die Bestellnummer steht, zum Beispiel https://orders.example/{orderId}.</translation>
    </message>
    <message>
        <source>The order link must be a web address starting with https:// (or http://).</source>
        <translation>Der Bestelllink muss eine Webadresse sein, die mit https:// (oder http://) beginnt.</translation>
    </message>
    <message>
        <source>In the order link, {orderId} must come after the host, in the path or the query, for example https://orders.example/{orderId}.</source>
        <translation>Im Bestelllink muss {orderId} nach dem Host stehen, im Pfad oder in der Abfrage, zum Beispiel https://orders.example/{orderId}.</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>Late</source>
        <translation>Verspätet</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>Beschädigt</translation>
    </message>
    <message>
        <source>Rude</source>
        <translation>Unhöflich</translation>
    </message>
    <message>
        <source>Friendly</source>
        <translation>Freundlich</translation>
    </message>
    <message>
        <source>Fast</source>
        <translation>Schnell</translation>
    </message>
    <message>
        <source>Wrong address</source>
        <translation>Falsche Adresse</translation>
    </message>
    <message>
        <source>No contact attempt</source>
        <translation>Kein Kontaktversuch</translation>
    </message>
</context>
<context>
    <name>RecordCsv</name>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Created (UTC)</source>
        <translation>Erstellt (UTC)</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>Kurier</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Gründe</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>May publish</source>
        <translation>Veröffentlichung erlaubt</translation>
    </message>
    <message>
        <source>Needs follow-up</source>
        <translation>Nachbearbeitung nötig</translation>
    </message>
    <message>
        <source>Follow-up status</source>
        <translation>Bearbeitungsstatus</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Retracted</source>
        <translation>Zurückgezogen</translation>
    </message>
    <message>
        <source>Edited on two devices</source>
        <translation>Auf zwei Geräten bearbeitet</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Record ID</source>
        <translation>Eintrags-ID</translation>
    </message>
    <message>
        <source>Device ID</source>
        <translation>Geräte-ID</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisiert</translation>
    </message>
    <message>
        <source>Saved on this device</source>
        <translation>Auf diesem Gerät gespeichert</translation>
    </message>
</context>
<context>
    <name>RecordDetailPane</name>
    <message>
        <source>Select a record to see its details.</source>
        <translation>Wählen Sie einen Eintrag, um die Details zu sehen.</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Gründe</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>May publish</source>
        <translation>Veröffentlichung erlaubt</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Edited on two devices at once: keep one value</source>
        <translation>Auf zwei Geräten gleichzeitig bearbeitet: einen Wert behalten</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Nachbearbeitung</translation>
    </message>
    <message>
        <source>Follow-up status</source>
        <translation>Bearbeitungsstatus</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Who takes care of it</source>
        <translation>Wer kümmert sich darum</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>New note</source>
        <translation>Neue Notiz</translation>
    </message>
    <message>
        <source>Add a note: what was done, who was called</source>
        <translation>Notiz hinzufügen: was getan wurde, wer angerufen wurde</translation>
    </message>
    <message>
        <source>Hide this feedback from analytics and exports on every device</source>
        <translation>Dieses Feedback auf allen Geräten aus Auswertung und Exporten ausblenden</translation>
    </message>
    <message>
        <source>Stat&amp;us</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <source>Assi&amp;gnee</source>
        <translation>&amp;Zuständig</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Zuweisen</translation>
    </message>
    <message>
        <source>A&amp;dd note</source>
        <translation>&amp;Notiz hinzufügen</translation>
    </message>
    <message>
        <source>Retract…</source>
        <translation>Zurückziehen…</translation>
    </message>
    <message>
        <source>Erase personal data…</source>
        <translation>Personenbezogene Daten löschen…</translation>
    </message>
    <message>
        <source>Remove the comment, the order number and the contact details for good on every device</source>
        <translation>Kommentar, Bestellnummer und Kontaktdaten endgültig auf allen Geräten entfernen</translation>
    </message>
</context>
<context>
    <name>RelaySecurity</name>
    <message>
        <source>ws:// sends everything unencrypted to %1; use wss:// or tick &quot;Allow an unencrypted connection (insecure)&quot;.</source>
        <translation>ws:// sendet alles unverschlüsselt an %1; verwenden Sie wss:// oder setzen Sie das Häkchen bei „Unverschlüsselte Verbindung erlauben (unsicher)“.</translation>
    </message>
</context>
<context>
    <name>ReportPdf</name>
    <message>
        <source>%1 · order %2 · courier %3 · %4 · %5</source>
        <translation>%1 · Bestellung %2 · Kurier %3 · %4 · %5</translation>
    </message>
    <message>
        <source>(erased)</source>
        <translation>(gelöscht)</translation>
    </message>
    <message>
        <source> · %1</source>
        <translation> · %1</translation>
    </message>
    <message>
        <source>Courier feedback %1 – %2</source>
        <translation>Kurier-Feedback %1 – %2</translation>
    </message>
    <message>
        <source>Could not start the PDF.</source>
        <translation>Das PDF konnte nicht begonnen werden.</translation>
    </message>
    <message>
        <source>Courier feedback report</source>
        <translation>Bericht zum Kurier-Feedback</translation>
    </message>
    <message>
        <source>Period: %1 – %2</source>
        <translation>Zeitraum: %1 – %2</translation>
    </message>
    <message>
        <source>Printed %1 at %2</source>
        <translation>Gedruckt am %1 auf %2</translation>
    </message>
    <message numerus="yes">
        <source>%n rating(s), average %1 of 5</source>
        <translation>
            <numerusform>%n Bewertung, Durchschnitt %1 von 5</numerusform>
            <numerusform>%n Bewertungen, Durchschnitt %1 von 5</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) open</source>
        <translation>
            <numerusform>%n offene Nachbearbeitung</numerusform>
            <numerusform>%n offene Nachbearbeitungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Ratings by stars</source>
        <translation>Bewertungen nach Sternen</translation>
    </message>
    <message>
        <source>Ratings per day</source>
        <translation>Bewertungen pro Tag</translation>
    </message>
    <message>
        <source>The ten worst couriers</source>
        <translation>Die zehn schlechtesten Kuriere</translation>
    </message>
    <message>
        <source>No ratings in this period.</source>
        <translation>Keine Bewertungen in diesem Zeitraum.</translation>
    </message>
    <message numerus="yes">
        <source>Courier %1: average %2 of 5 from %n rating(s)</source>
        <translation>
            <numerusform>Kurier %1: Durchschnitt %2 von 5 aus %n Bewertung</numerusform>
            <numerusform>Kurier %1: Durchschnitt %2 von 5 aus %n Bewertungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Open follow-ups</source>
        <translation>Offene Nachbearbeitungen</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Keine.</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (the desk&apos;s Status filter lists them all).</source>
        <translation>
            <numerusform>… und %n weitere (der Statusfilter der Disposition zeigt alle).</numerusform>
            <numerusform>… und %n weitere (der Statusfilter der Disposition zeigt alle).</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Allow an unencrypted connection (insecure)</source>
        <translation>Unverschlüsselte Verbindung erlauben (unsicher)</translation>
    </message>
    <message>
        <source>Only for a relay on a network you trust: with ws:// anyone on the way can read and change what is sent.</source>
        <translation>Nur für ein Relay in einem vertrauenswürdigen Netz: mit ws:// kann jeder auf dem Weg mitlesen und ändern, was gesendet wird.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Use this device as</source>
        <translation>Gerät &amp;verwenden als</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Device &amp;name</source>
        <translation>Geräte&amp;name</translation>
    </message>
    <message>
        <source>Device name</source>
        <translation>Gerätename</translation>
    </message>
    <message>
        <source>&amp;Relay address</source>
        <translation>&amp;Relay-Adresse</translation>
    </message>
    <message>
        <source>Relay address</source>
        <translation>Relay-Adresse</translation>
    </message>
    <message>
        <source>wss://relay.example.com</source>
        <translation>wss://relay.example.com</translation>
    </message>
    <message>
        <source>S&amp;ync with the relay (off: feedback stays on this device)</source>
        <translation>Mit dem Relay s&amp;ynchronisieren (aus: Feedback bleibt auf diesem Gerät)</translation>
    </message>
    <message>
        <source>Kiosk &amp;PIN</source>
        <translation>Kiosk-&amp;PIN</translation>
    </message>
    <message>
        <source>Kiosk PIN</source>
        <translation>Kiosk-PIN</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Unverändert</translation>
    </message>
    <message>
        <source>&amp;Keep synced feedback</source>
        <translation>Synchronisiertes Feedback &amp;behalten</translation>
    </message>
    <message>
        <source>Days to keep synced feedback on this device</source>
        <translation>Tage, die synchronisiertes Feedback auf diesem Gerät bleibt</translation>
    </message>
    <message>
        <source>forever</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>R&amp;eset this device…</source>
        <translation>Dieses Gerät &amp;zurücksetzen…</translation>
    </message>
    <message>
        <source>De&amp;vices…</source>
        <translation>&amp;Geräte…</translation>
    </message>
    <message>
        <source>Sync with &amp;nearby devices when the relay is out of reach</source>
        <translation>Mit Geräten in der &amp;Nähe abgleichen, wenn das Relay nicht erreichbar ist</translation>
    </message>
    <message>
        <source>Devices of this workspace on the same local network find each other and sync directly; what they learn goes to the relay later. Off on kiosks.</source>
        <translation>Geräte dieses Arbeitsbereichs im selben lokalen Netz finden sich und gleichen direkt ab; was sie erfahren, geht später an das Relay. Auf Kiosken aus.</translation>
    </message>
    <message>
        <source>Nearby &amp;devices</source>
        <translation>&amp;Geräte in der Nähe</translation>
    </message>
    <message>
        <source>Nearby devices named by hand</source>
        <translation>Von Hand genannte Geräte in der Nähe</translation>
    </message>
    <message>
        <source>Devices on the same network are found by themselves. Where the network does not let them (another subnet, a blocked multicast), name each one as address:port, separated by spaces.</source>
        <translation>Geräte im selben Netz finden sich von selbst. Wo das Netz es nicht zulässt (anderes Subnetz, gesperrtes Multicast), jedes als Adresse:Port nennen, durch Leerzeichen getrennt.</translation>
    </message>
    <message>
        <source>&amp;Order link</source>
        <translation>Bestell&amp;link</translation>
    </message>
    <message>
        <source>Order system link</source>
        <translation>Link zum Bestellsystem</translation>
    </message>
    <message>
        <source>https://orders.example/{orderId}</source>
        <translation>https://orders.example/{orderId}</translation>
    </message>
    <message>
        <source>The dispatcher&apos;s record pane links each order number to your order system: {orderId} is replaced by the order number.</source>
        <translation>Die Detailansicht der Disposition verlinkt jede Bestellnummer mit Ihrem Bestellsystem: {orderId} wird durch die Bestellnummer ersetzt.</translation>
    </message>
    <message>
        <source>Desktop &amp;alerts for ratings of 1–2 stars and requests to be contacted</source>
        <translation>Desktop-&amp;Hinweise bei Bewertungen mit 1–2 Sternen und Kontaktwünschen</translation>
    </message>
    <message>
        <source>On a dispatcher desk: a notification when such a rating arrives from another device.</source>
        <translation>Am Disponenten-Arbeitsplatz: eine Benachrichtigung, wenn eine solche Bewertung von einem anderen Gerät eintrifft.</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>Relay</translation>
    </message>
    <message>
        <source>This device</source>
        <translation>Dieses Gerät</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Wartet auf Versand</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Letzte Synchronisation</translation>
    </message>
    <message>
        <source>Last problem</source>
        <translation>Letztes Problem</translation>
    </message>
    <message>
        <source>Recent &amp;events</source>
        <translation>Letzte &amp;Ereignisse</translation>
    </message>
    <message>
        <source>Recent sync events</source>
        <translation>Letzte Synchronisationsereignisse</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>Jetzt s&amp;ynchronisieren</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>Sync off · %1</source>
        <translation>Synchronisation aus · %1</translation>
    </message>
    <message>
        <source>Offline · %1</source>
        <translation>Offline · %1</translation>
    </message>
    <message>
        <source>Syncing %1 of %2 · %3</source>
        <translation>Synchronisiere %1 von %2 · %3</translation>
    </message>
    <message>
        <source>Syncing… · %1</source>
        <translation>Synchronisiere… · %1</translation>
    </message>
    <message>
        <source>Up to date (%1) · %2</source>
        <translation>Aktuell (%1) · %2</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>vor %n Min.</numerusform>
            <numerusform>vor %n Min.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>vor %n Std.</numerusform>
            <numerusform>vor %n Std.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n wartend</numerusform>
            <numerusform>%n wartend</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) could not be read</source>
        <translation>
            <numerusform>%n Änderung konnte nicht gelesen werden</numerusform>
            <numerusform>%n Änderungen konnten nicht gelesen werden</numerusform>
        </translation>
    </message>
    <message>
        <source>it has too many devices connected</source>
        <translation>es sind zu viele Geräte verbunden</translation>
    </message>
    <message>
        <source>this device sent too much too fast</source>
        <translation>dieses Gerät hat zu viel zu schnell gesendet</translation>
    </message>
    <message>
        <source>it could not store what was sent</source>
        <translation>es konnte das Gesendete nicht speichern</translation>
    </message>
    <message>
        <source>this device took too long to sign in</source>
        <translation>dieses Gerät hat zu lange zum Anmelden gebraucht</translation>
    </message>
    <message>
        <source>a message was too large</source>
        <translation>eine Nachricht war zu groß</translation>
    </message>
    <message>
        <source>a protocol error (%1)</source>
        <translation>ein Protokollfehler (%1)</translation>
    </message>
    <message numerus="yes">
        <source>retrying in %n s</source>
        <translation>
            <numerusform>neuer Versuch in %n s</numerusform>
            <numerusform>neuer Versuch in %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>trying again…</source>
        <translation>neuer Versuch…</translation>
    </message>
    <message>
        <source>Sync not set up · %1</source>
        <translation>Synchronisation nicht eingerichtet · %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 — %2 · %3</source>
        <translation>%1 — %2 · %3</translation>
    </message>
    <message>
        <source>Connecting to %1… · %2</source>
        <translation>Verbinde mit %1… · %2</translation>
    </message>
    <message>
        <source>Cannot reach %1</source>
        <translation>%1 nicht erreichbar</translation>
    </message>
    <message>
        <source>Cannot verify %1</source>
        <translation>%1 kann nicht überprüft werden</translation>
    </message>
    <message>
        <source>Connection to %1 lost</source>
        <translation>Verbindung zu %1 verloren</translation>
    </message>
    <message>
        <source>%1 does not accept this device</source>
        <translation>%1 akzeptiert dieses Gerät nicht</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 hat abgelehnt: %2</translation>
    </message>
    <message>
        <source>Update required</source>
        <translation>Update erforderlich</translation>
    </message>
    <message>
        <source>This device was removed from the workspace</source>
        <translation>Dieses Gerät wurde aus dem Arbeitsbereich entfernt</translation>
    </message>
    <message>
        <source>This device was removed from the workspace. It no longer syncs; to use it again, join the workspace with a new invite.</source>
        <translation>Dieses Gerät wurde aus dem Arbeitsbereich entfernt. Es synchronisiert nicht mehr; um es wieder zu verwenden, treten Sie dem Arbeitsbereich mit einer neuen Einladung bei.</translation>
    </message>
    <message>
        <source>Sync error: %1</source>
        <translation>Synchronisationsfehler: %1</translation>
    </message>
    <message>
        <source>Cannot reach %1: the connection was refused. The relay may be stopped, or the address or port may be wrong.</source>
        <translation>%1 nicht erreichbar: Die Verbindung wurde abgelehnt. Das Relay ist vielleicht gestoppt, oder Adresse oder Port sind falsch.</translation>
    </message>
    <message>
        <source>Cannot reach %1: no computer of that name was found.</source>
        <translation>%1 nicht erreichbar: Kein Rechner dieses Namens gefunden.</translation>
    </message>
    <message>
        <source>Cannot reach %1: this device has no network connection.</source>
        <translation>%1 nicht erreichbar: Dieses Gerät hat keine Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>Cannot reach %1: it did not answer in time.</source>
        <translation>%1 nicht erreichbar: Keine Antwort in der vorgesehenen Zeit.</translation>
    </message>
    <message>
        <source>Cannot verify %1: its certificate is not trusted, so this device does not connect to it.</source>
        <translation>%1 kann nicht überprüft werden: Seinem Zertifikat wird nicht vertraut, daher verbindet sich dieses Gerät nicht.</translation>
    </message>
    <message>
        <source>The connection to %1 was closed by the relay.</source>
        <translation>Die Verbindung zu %1 wurde vom Relay geschlossen.</translation>
    </message>
    <message>
        <source>%1 does not accept this device&apos;s credentials. Join the workspace again with a new invite.</source>
        <translation>%1 akzeptiert die Zugangsdaten dieses Geräts nicht. Treten Sie dem Arbeitsbereich mit einer neuen Einladung erneut bei.</translation>
    </message>
    <message>
        <source>%1 refused this device: %2.</source>
        <translation>%1 hat dieses Gerät abgelehnt: %2.</translation>
    </message>
    <message>
        <source>This version of Courier Feedback is too old for the relay or for changes another device wrote: install a newer version.</source>
        <translation>Diese Version von Courier Feedback ist zu alt für das Relay oder für Änderungen eines anderen Geräts: Installieren Sie eine neuere Version.</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Mit %1 verbunden</translation>
    </message>
    <message>
        <source>Disconnected from %1</source>
        <translation>Verbindung zu %1 getrennt</translation>
    </message>
    <message>
        <source>The connection to %1 ended.</source>
        <translation>Die Verbindung zu %1 wurde beendet.</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>Problem: %1</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n change(s)</source>
        <translation>
            <numerusform>%n Änderung gesendet</numerusform>
            <numerusform>%n Änderungen gesendet</numerusform>
        </translation>
    </message>
    <message>
        <source>The relay stored what this device sent</source>
        <translation>Das Relay hat gespeichert, was dieses Gerät gesendet hat</translation>
    </message>
    <message numerus="yes">
        <source>Received %n change(s) from other devices</source>
        <translation>
            <numerusform>%n Änderung von anderen Geräten empfangen</numerusform>
            <numerusform>%n Änderungen von anderen Geräten empfangen</numerusform>
        </translation>
    </message>
    <message>
        <source>Two devices changed record %1 at the same time: both values are kept</source>
        <translation>Zwei Geräte haben Eintrag %1 gleichzeitig geändert: Beide Werte bleiben erhalten</translation>
    </message>
    <message>
        <source>Caught up with the relay</source>
        <translation>Auf dem Stand des Relays</translation>
    </message>
    <message numerus="yes">
        <source>This profile continues under a new device id (%n change(s) renumbered)</source>
        <translation>
            <numerusform>Dieses Profil läuft unter einer neuen Geräte-ID weiter (%n Änderung neu nummeriert)</numerusform>
            <numerusform>Dieses Profil läuft unter einer neuen Geräte-ID weiter (%n Änderungen neu nummeriert)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) could not be read and were set aside</source>
        <translation>
            <numerusform>%n Änderung war unlesbar und wurde zurückgestellt</numerusform>
            <numerusform>%n Änderungen waren unlesbar und wurden zurückgestellt</numerusform>
        </translation>
    </message>
    <message>
        <source>Asked the relay again for a change that could not be read</source>
        <translation>Relay erneut nach einer unlesbaren Änderung gefragt</translation>
    </message>
    <message>
        <source>A change set aside earlier could be read now</source>
        <translation>Eine zuvor zurückgestellte Änderung ist jetzt lesbar</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) need a newer version of Courier Feedback</source>
        <translation>
            <numerusform>%n Änderung braucht eine neuere Version von Courier Feedback</numerusform>
            <numerusform>%n Änderungen brauchen eine neuere Version von Courier Feedback</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync event: %1</source>
        <translation>Synchronisationsereignis: %1</translation>
    </message>
    <message>
        <source>Up to date via nearby devices · %1</source>
        <translation>Aktuell über Geräte in der Nähe · %1</translation>
    </message>
    <message numerus="yes">
        <source>%n nearby device(s)</source>
        <translation>
            <numerusform>%n Gerät in der Nähe</numerusform>
            <numerusform>%n Geräte in der Nähe</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>feedback::app::AnalyticsPeriod</name>
    <message>
        <source>&amp;Period</source>
        <translation>&amp;Zeitraum</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Period of the charts</source>
        <translation>Zeitraum der Diagramme</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Erster Tag</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Letzter %n Tag</numerusform>
            <numerusform>Letzte %n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Gesamter Zeitraum</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>Eigener Zeitraum</translation>
    </message>
</context>
<context>
    <name>feedback::app::AnalyticsView</name>
    <message>
        <source>Best 10 couriers (average rating)</source>
        <translation>Beste 10 Kuriere (durchschnittliche Bewertung)</translation>
    </message>
    <message>
        <source>Worst 10 couriers (average rating)</source>
        <translation>Schlechteste 10 Kuriere (durchschnittliche Bewertung)</translation>
    </message>
    <message>
        <source>Rating distribution</source>
        <translation>Verteilung der Bewertungen</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>Bewertungen</translation>
    </message>
    <message>
        <source>%1 ★</source>
        <translation>%1 ★</translation>
    </message>
    <message>
        <source>Average rating</source>
        <translation>Durchschnittliche Bewertung</translation>
    </message>
    <message numerus="yes">
        <source>Courier %1 (%n)</source>
        <translation>
            <numerusform>Kurier %1 (%n)</numerusform>
            <numerusform>Kurier %1 (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Reasons given</source>
        <translation>Genannte Gründe</translation>
    </message>
    <message>
        <source>Times given</source>
        <translation>Anzahl Nennungen</translation>
    </message>
    <message>
        <source>Feedback per day</source>
        <translation>Feedback pro Tag</translation>
    </message>
    <message numerus="yes">
        <source>%n rating(s), average %1 of 5</source>
        <translation>
            <numerusform>%n Bewertung, Durchschnitt %1 von 5</numerusform>
            <numerusform>%n Bewertungen, Durchschnitt %1 von 5</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) open</source>
        <translation>
            <numerusform>%n offene Nachbearbeitung</numerusform>
            <numerusform>%n offene Nachbearbeitungen</numerusform>
        </translation>
    </message>
    <message>
        <source>Follow-ups by status</source>
        <translation>Nachbearbeitungen nach Status</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Einträge</translation>
    </message>
    <message>
        <source>Click a bar to see its records</source>
        <translation>Auf einen Balken klicken, um seine Einträge zu sehen</translation>
    </message>
    <message>
        <source>Click a day to see its records</source>
        <translation>Auf einen Tag klicken, um seine Einträge zu sehen</translation>
    </message>
</context>
<context>
    <name>feedback::app::AppController</name>
    <message>
        <source>This profile is open in %1 (process %2). Only one program at a time can write to it: close that program, then try again.</source>
        <translation>Dieses Profil ist in %1 (Prozess %2) geöffnet. Es kann immer nur ein Programm darin schreiben: Schließen Sie dieses Programm und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>This profile is open in another program. Only one program at a time can write to it: close that program, then try again.</source>
        <translation>Dieses Profil ist in einem anderen Programm geöffnet. Es kann immer nur ein Programm darin schreiben: Schließen Sie dieses Programm und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Profile in use</source>
        <translation>Profil in Verwendung</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>This profile&apos;s key is protected by a passphrase:</source>
        <translation>Der Schlüssel dieses Profils ist durch eine Passphrase geschützt:</translation>
    </message>
    <message>
        <source>%1
Try again:</source>
        <translation>%1
Bitte erneut versuchen:</translation>
    </message>
    <message>
        <source>Open Courier Feedback</source>
        <translation>Courier Feedback öffnen</translation>
    </message>
    <message>
        <source>No passphrase given.</source>
        <translation>Keine Passphrase eingegeben.</translation>
    </message>
    <message>
        <source>Set-up was cancelled.</source>
        <translation>Die Einrichtung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Some feedback could not be read</source>
        <translation>Einige Feedback-Einträge konnten nicht gelesen werden</translation>
    </message>
</context>
<context>
    <name>feedback::app::AppSession</name>
    <message>
        <source>&quot;%1&quot; is not a ws:// or wss:// address.</source>
        <translation>„%1“ ist keine ws://- oder wss://-Adresse.</translation>
    </message>
    <message>
        <source>Sync is turned off (FEEDBACK_SYNC=off): feedback stays on this device.</source>
        <translation>Die Synchronisation ist ausgeschaltet (FEEDBACK_SYNC=off): Feedback bleibt auf diesem Gerät.</translation>
    </message>
    <message>
        <source>Sync is turned off in the settings: feedback stays on this device.</source>
        <translation>Die Synchronisation ist in den Einstellungen ausgeschaltet: Feedback bleibt auf diesem Gerät.</translation>
    </message>
    <message>
        <source>No relay address is set: feedback stays on this device.</source>
        <translation>Keine Relay-Adresse eingestellt: Feedback bleibt auf diesem Gerät.</translation>
    </message>
    <message>
        <source>The relay address &quot;%1&quot; is not a ws:// or wss:// address.</source>
        <translation>Die Relay-Adresse „%1“ ist keine ws://- oder wss://-Adresse.</translation>
    </message>
    <message>
        <source>This device</source>
        <translation>Dieses Gerät</translation>
    </message>
    <message>
        <source>Device %1</source>
        <translation>Gerät %1</translation>
    </message>
    <message>
        <source>this device</source>
        <translation>diesem Gerät</translation>
    </message>
    <message>
        <source>%1 (this device)</source>
        <translation>%1 (dieses Gerät)</translation>
    </message>
    <message>
        <source>device %1</source>
        <translation>Gerät %1</translation>
    </message>
    <message>
        <source>Sync is off: an invite needs the relay to hold it.</source>
        <translation>Die Synchronisierung ist aus: Eine Einladung braucht das Relay, das sie verwahrt.</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>Sync is off: cancelling an invite needs the relay.</source>
        <translation>Die Synchronisierung ist aus: Eine Einladung zurückzuziehen braucht das Relay.</translation>
    </message>
    <message>
        <source>A name is printable text of at most 100 characters.</source>
        <translation>Ein Name ist druckbarer Text mit höchstens 100 Zeichen.</translation>
    </message>
</context>
<context>
    <name>feedback::app::CaptureForm</name>
    <message>
        <source>Reason: %1</source>
        <translation>Grund: %1</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>Please shorten the comment by %n character(s).</source>
        <translation>
            <numerusform>Bitte kürzen Sie den Kommentar um %n Zeichen.</numerusform>
            <numerusform>Bitte kürzen Sie den Kommentar um %n Zeichen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Scan or type the order number.</source>
        <translation>Bitte die Bestellnummer scannen oder eintippen.</translation>
    </message>
    <message>
        <source>An order number has only letters, digits and dashes, like ORD-123456.</source>
        <translation>Eine Bestellnummer enthält nur Buchstaben, Ziffern und Bindestriche, z. B. ORD-123456.</translation>
    </message>
    <message>
        <source>Type the courier number from the badge (digits only).</source>
        <translation>Bitte die Kuriernummer vom Ausweis eintippen (nur Ziffern).</translation>
    </message>
    <message>
        <source>Choose from 1 to 5 stars.</source>
        <translation>Bitte 1 bis 5 Sterne wählen.</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation>Speichern fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Saved on this device. It will be sent when online.</source>
        <translation>Auf diesem Gerät gespeichert. Es wird gesendet, sobald eine Verbindung besteht.</translation>
    </message>
    <message>
        <source>Type a phone number (%1 to %2 digits) or an e-mail address like name@example.com, or leave it empty.</source>
        <translation>Geben Sie eine Telefonnummer (%1 bis %2 Ziffern) oder eine E-Mail-Adresse wie name@example.com ein oder lassen Sie das Feld leer.</translation>
    </message>
</context>
<context>
    <name>feedback::app::ContactRequestBox</name>
    <message>
        <source>Erased</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>Phone: %1</source>
        <translation>Telefon: %1</translation>
    </message>
    <message>
        <source>E-mail: %1</source>
        <translation>E-Mail: %1</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No (withdrawn)</source>
        <translation>Nein (zurückgezogen)</translation>
    </message>
    <message>
        <source>None given</source>
        <translation>Keine angegeben</translation>
    </message>
    <message>
        <source>Customer asks to be contacted</source>
        <translation>Kontaktwunsch der Kundschaft</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Wunsch</translation>
    </message>
    <message>
        <source>Phone or e-mail</source>
        <translation>Telefon oder E-Mail</translation>
    </message>
    <message>
        <source>Erase contact details…</source>
        <translation>Kontaktdaten löschen…</translation>
    </message>
    <message>
        <source>Remove the phone number or e-mail address on every device</source>
        <translation>Telefonnummer oder E-Mail-Adresse auf allen Geräten entfernen</translation>
    </message>
</context>
<context>
    <name>feedback::app::DateFilterEdit</name>
    <message>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
</context>
<context>
    <name>feedback::app::DevicesDialog</name>
    <message>
        <source>Kiosk</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>Voll</translation>
    </message>
    <message>
        <source>Device %1</source>
        <translation>Gerät %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>this device</source>
        <translation>dieses Gerät</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>widerrufen</translation>
    </message>
    <message>
        <source>revocation pending</source>
        <translation>Widerruf ausstehend</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>The devices of this workspace, as the relay last listed them.</source>
        <translation>Die Geräte dieses Arbeitsbereichs, wie das Relay sie zuletzt aufgeführt hat.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Aufgenommen</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>No device list yet: the relay sends it at the next sync.</source>
        <translation>Noch keine Geräteliste: Das Relay sendet sie bei der nächsten Synchronisierung.</translation>
    </message>
    <message>
        <source>&amp;Revoke…</source>
        <translation>&amp;Widerrufen…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Remove “%1” from the workspace? It will no longer sync: the relay refuses it from the next sync on. This cannot be undone.</source>
        <translation>„%1“ aus dem Arbeitsbereich entfernen? Es synchronisiert nicht mehr: Das Relay weist es ab der nächsten Synchronisierung ab. Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Revoke a device</source>
        <translation>Gerät widerrufen</translation>
    </message>
    <message>
        <source>Remove from the workspace</source>
        <translation>Aus dem Arbeitsbereich entfernen</translation>
    </message>
    <message>
        <source>The revocation could not be saved: %1</source>
        <translation>Der Widerruf konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Only a full device can revoke devices.</source>
        <translation>Nur ein volles Gerät kann Geräte widerrufen.</translation>
    </message>
</context>
<context>
    <name>feedback::app::DispatcherView</name>
    <message>
        <source>any</source>
        <translation>beliebig</translation>
    </message>
    <message>
        <source>Showing %1 of %2</source>
        <translation>%1 von %2 angezeigt</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n record(s) to %1</source>
        <translation>
            <numerusform>%n Eintrag nach %1 exportiert</numerusform>
            <numerusform>%n Einträge nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n Konflikt</numerusform>
            <numerusform>%n Konflikte</numerusform>
        </translation>
    </message>
    <message>
        <source>Records edited on two devices at once: show them</source>
        <translation>Auf zwei Geräten gleichzeitig bearbeitete Einträge: anzeigen</translation>
    </message>
    <message numerus="yes">
        <source>E&amp;xport %n shown record(s)…</source>
        <translation>
            <numerusform>%n angezeigten Eintrag e&amp;xportieren…</numerusform>
            <numerusform>%n angezeigte Einträge e&amp;xportieren…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Export %n shown record(s)</source>
        <translation>
            <numerusform>%n angezeigten Eintrag exportieren</numerusform>
            <numerusform>%n angezeigte Einträge exportieren</numerusform>
        </translation>
    </message>
    <message>
        <source>CSV for spreadsheets (*.csv)</source>
        <translation>CSV für Tabellenkalkulationen (*.csv)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <source>Your name, as you write it when you assign a record to yourself:</source>
        <translation>Ihr Name, so wie Sie ihn schreiben, wenn Sie sich einen Eintrag zuweisen:</translation>
    </message>
</context>
<context>
    <name>feedback::app::FieldView</name>
    <message>
        <source>Feedback entered on this device</source>
        <translation>Auf diesem Gerät erfasstes Feedback</translation>
    </message>
    <message>
        <source>Sent: dispatchers can see it now.</source>
        <translation>Gesendet: die Disposition sieht es jetzt.</translation>
    </message>
    <message>
        <source>Saved on this device. It will be sent when online.</source>
        <translation>Auf diesem Gerät gespeichert. Es wird gesendet, sobald eine Verbindung besteht.</translation>
    </message>
</context>
<context>
    <name>feedback::app::FirstStartDialog</name>
    <message>
        <source>The relay address must start with wss:// (or ws:// on a trusted network).</source>
        <translation>Die Relay-Adresse muss mit wss:// beginnen (oder ws:// in einem vertrauenswürdigen Netz).</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Die beiden Passphrasen stimmen nicht überein.</translation>
    </message>
    <message>
        <source>Use a passphrase of at least 8 characters.</source>
        <translation>Bitte eine Passphrase mit mindestens 8 Zeichen verwenden.</translation>
    </message>
    <message>
        <source>Step 1 of 3: this device</source>
        <translation>Schritt 1 von 3: dieses Gerät</translation>
    </message>
    <message>
        <source>Step 2 of 3: workspace</source>
        <translation>Schritt 2 von 3: Arbeitsbereich</translation>
    </message>
    <message>
        <source>Step 3 of 3: security</source>
        <translation>Schritt 3 von 3: Sicherheit</translation>
    </message>
    <message>
        <source>The feedback here is stored encrypted. Staff leave the kiosk with its PIN; a passphrase is only needed where the system has no keychain.</source>
        <translation>Das Feedback wird hier verschlüsselt gespeichert. Das Personal verlässt den Kiosk mit seiner PIN; eine Passphrase ist nur nötig, wo das System keinen Schlüsselbund hat.</translation>
    </message>
    <message>
        <source>The feedback here is stored encrypted. A passphrase is only needed where the system has no keychain; leave it empty otherwise.</source>
        <translation>Das Feedback wird hier verschlüsselt gespeichert. Eine Passphrase ist nur nötig, wo das System keinen Schlüsselbund hat; sonst leer lassen.</translation>
    </message>
    <message>
        <source>Enter the relay address, or untick &quot;Sync with the relay&quot; to keep the feedback on this device.</source>
        <translation>Geben Sie die Relay-Adresse ein oder schalten Sie „Mit dem Relay synchronisieren“ aus, damit das Feedback auf diesem Gerät bleibt.</translation>
    </message>
    <message>
        <source>An admission token is cfa1- and 32 letters, digits, - or _, as the relay&apos;s operator got it. Leave it empty if you have none.</source>
        <translation>Ein Zulassungs-Token besteht aus cfa1- und 32 Buchstaben, Ziffern, - oder _, so wie der Betreiber des Relays es erhalten hat. Lassen Sie das Feld leer, wenn Sie keines haben.</translation>
    </message>
</context>
<context>
    <name>feedback::app::InvitePanel</name>
    <message>
        <source>Invite valid for:</source>
        <translation>Einladung gültig für:</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15 Minuten</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation>24 Stunden</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 Tage</translation>
    </message>
    <message>
        <source>&amp;Invite a full device</source>
        <translation>Volles Gerät &amp;einladen</translation>
    </message>
    <message>
        <source>Invite a &amp;kiosk</source>
        <translation>&amp;Kiosk einladen</translation>
    </message>
    <message>
        <source>Invite code</source>
        <translation>Einladungscode</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Only a full device can invite devices.</source>
        <translation>Nur ein volles Gerät kann Geräte einladen.</translation>
    </message>
    <message>
        <source>Waiting for the relay to take the invite…</source>
        <translation>Warte darauf, dass das Relay die Einladung übernimmt…</translation>
    </message>
    <message>
        <source>Invite code for one kiosk, valid until %1:</source>
        <translation>Einladungscode für einen Kiosk, gültig bis %1:</translation>
    </message>
    <message>
        <source>Invite code for one full device, valid until %1. Whoever joins with it can read and write this workspace&apos;s feedback:</source>
        <translation>Einladungscode für ein volles Gerät, gültig bis %1. Wer damit beitritt, kann das Feedback dieses Arbeitsbereichs lesen und schreiben:</translation>
    </message>
    <message>
        <source>The relay did not take the invite: %1</source>
        <translation>Das Relay hat die Einladung nicht übernommen: %1</translation>
    </message>
</context>
<context>
    <name>feedback::app::KioskView</name>
    <message>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <source>Leave kiosk mode (staff, needs the PIN)</source>
        <translation>Kiosk-Modus verlassen (Personal, PIN nötig)</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>Vielen Dank!</translation>
    </message>
    <message>
        <source>Your feedback was saved. It helps us deliver better.</source>
        <translation>Ihr Feedback wurde gespeichert. Es hilft uns, besser zu liefern.</translation>
    </message>
    <message>
        <source>Give more feedback</source>
        <translation>Weiteres Feedback geben</translation>
    </message>
    <message>
        <source>Leave kiosk mode</source>
        <translation>Kiosk-Modus verlassen</translation>
    </message>
    <message>
        <source>Staff PIN:</source>
        <translation>Personal-PIN:</translation>
    </message>
    <message>
        <source>That PIN is not right.</source>
        <translation>Diese PIN ist nicht richtig.</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. Try again in %n second(s).</source>
        <translation>
            <numerusform>Zu viele falsche PINs. Bitte in %n Sekunde erneut versuchen.</numerusform>
            <numerusform>Zu viele falsche PINs. Bitte in %n Sekunden erneut versuchen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Staff mode. The kiosk locks itself again after %n minute(s) without use.</source>
        <translation>
            <numerusform>Personalmodus. Der Kiosk sperrt sich nach %n Minute ohne Benutzung wieder.</numerusform>
            <numerusform>Personalmodus. Der Kiosk sperrt sich nach %n Minuten ohne Benutzung wieder.</numerusform>
        </translation>
    </message>
    <message>
        <source>On-screen &amp;keypad:</source>
        <translation>Bildschirm-&amp;Tastenfeld:</translation>
    </message>
    <message>
        <source>On-screen keypad</source>
        <translation>Bildschirm-Tastenfeld</translation>
    </message>
    <message>
        <source>Automatic (touch screen, no keyboard)</source>
        <translation>Automatisch (Touchscreen ohne Tastatur)</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>Immer</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
</context>
<context>
    <name>feedback::app::MainWindow</name>
    <message>
        <source>About Courier Feedback</source>
        <translation>Über Courier Feedback</translation>
    </message>
    <message>
        <source>Courier Feedback %1
Offline-first delivery feedback, end-to-end encrypted.
Licensed under the GNU GPL, version 3.</source>
        <translation>Courier Feedback %1
Liefer-Feedback, offline zuerst, Ende-zu-Ende-verschlüsselt.
Lizenziert unter der GNU GPL, Version 3.</translation>
    </message>
    <message>
        <source>Courier Feedback</source>
        <translation>Courier Feedback</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Dispatcher desk</source>
        <translation>&amp;Disponenten-Arbeitsplatz</translation>
    </message>
    <message>
        <source>&amp;Field laptop</source>
        <translation>&amp;Außendienst-Laptop</translation>
    </message>
    <message>
        <source>&amp;Kiosk (full screen)</source>
        <translation>&amp;Kiosk (Vollbild)</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>S&amp;ynchronisation</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>&amp;Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Sync &amp;details…</source>
        <translation>Synchronisations&amp;details…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>Ü&amp;ber</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Some settings could not be saved:
%1</source>
        <translation>Einige Einstellungen konnten nicht gespeichert werden:
%1</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>Set a kiosk PIN in the settings first: staff need it to leave the kiosk.</source>
        <translation>Legen Sie zuerst in den Einstellungen eine Kiosk-PIN fest: Das Personal braucht sie, um den Kiosk zu verlassen.</translation>
    </message>
    <message>
        <source>&amp;Lock kiosk</source>
        <translation>Kiosk &amp;sperren</translation>
    </message>
    <message>
        <source>Back to the kiosk for customers (Ctrl+L)</source>
        <translation>Zurück zum Kiosk für die Kundschaft (Strg+L)</translation>
    </message>
    <message>
        <source>Export &amp;report…</source>
        <translation>Be&amp;richt exportieren…</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>Bericht gespeichert unter %1</translation>
    </message>
</context>
<context>
    <name>feedback::app::NewRecordsButton</name>
    <message numerus="yes">
        <source>↑ %n new</source>
        <translation>
            <numerusform>↑ %n neuer</numerusform>
            <numerusform>↑ %n neue</numerusform>
        </translation>
    </message>
    <message>
        <source>Show the newest records</source>
        <translation>Die neuesten Einträge zeigen</translation>
    </message>
    <message numerus="yes">
        <source>%n new record(s) above: show them</source>
        <translation>
            <numerusform>%n neuer Eintrag weiter oben: anzeigen</numerusform>
            <numerusform>%n neue Einträge weiter oben: anzeigen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>feedback::app::NumericKeypad</name>
    <message>
        <source>Delete the last character</source>
        <translation>Letztes Zeichen löschen</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Next field</source>
        <translation>Nächstes Feld</translation>
    </message>
    <message>
        <source>Type %1</source>
        <translation>%1 eingeben</translation>
    </message>
</context>
<context>
    <name>feedback::app::PendingInvitesPanel</name>
    <message>
        <source>Full device</source>
        <translation>Volles Gerät</translation>
    </message>
    <message>
        <source>Kiosk “%1”</source>
        <translation>Kiosk „%1“</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Kiosk</translation>
    </message>
    <message>
        <source>Pending invites</source>
        <translation>Offene Einladungen</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Gültig bis</translation>
    </message>
    <message>
        <source>Uses left</source>
        <translation>Verbleibende Nutzungen</translation>
    </message>
    <message>
        <source>No pending invites: an invite made here shows once the relay holds it.</source>
        <translation>Keine offenen Einladungen: Eine hier erstellte Einladung erscheint, sobald das Relay sie verwahrt.</translation>
    </message>
    <message>
        <source>C&amp;ancel invite…</source>
        <translation>Einladung &amp;zurückziehen…</translation>
    </message>
    <message>
        <source>The relay did not cancel the invite: %1</source>
        <translation>Das Relay hat die Einladung nicht zurückgezogen: %1</translation>
    </message>
    <message>
        <source>cancelling…</source>
        <translation>wird zurückgezogen…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Cancel the invite for “%1”, valid until %2? Its code will no longer let anyone join; devices that joined with it stay.</source>
        <translation>Die Einladung für „%1“, gültig bis %2, zurückziehen? Mit ihrem Code kann dann niemand mehr beitreten; Geräte, die damit beigetreten sind, bleiben.</translation>
    </message>
    <message>
        <source>Cancel an invite</source>
        <translation>Einladung zurückziehen</translation>
    </message>
    <message>
        <source>Cancel the invite</source>
        <translation>Einladung zurückziehen</translation>
    </message>
</context>
<context>
    <name>feedback::app::PresenceLine</name>
    <message>
        <source>Another dispatcher</source>
        <translation>Eine andere Person der Disposition</translation>
    </message>
    <message>
        <source>%1 is writing on this record</source>
        <translation>%1 schreibt gerade zu diesem Eintrag</translation>
    </message>
    <message>
        <source>%1 is on this record</source>
        <translation>%1 sieht sich diesen Eintrag an</translation>
    </message>
    <message>
        <source>%1 and %2 are on this record</source>
        <translation>%1 und %2 sehen sich diesen Eintrag an</translation>
    </message>
    <message numerus="yes">
        <source>%1, %2 and %n other(s) are on this record</source>
        <translation>
            <numerusform>%1, %2 und %n weitere Person sehen sich diesen Eintrag an</numerusform>
            <numerusform>%1, %2 und %n weitere Personen sehen sich diesen Eintrag an</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>feedback::app::RecordAlerts</name>
    <message numerus="yes">
        <source>%n rating(s) need attention</source>
        <translation>
            <numerusform>%n Bewertung braucht Aufmerksamkeit</numerusform>
            <numerusform>%n Bewertungen brauchen Aufmerksamkeit</numerusform>
        </translation>
    </message>
    <message>
        <source>Low ratings or requests to be contacted arrived from other devices.</source>
        <translation>Schlechte Bewertungen oder Kontaktwünsche sind von anderen Geräten eingetroffen.</translation>
    </message>
    <message>
        <source>(erased)</source>
        <translation>(gelöscht)</translation>
    </message>
    <message>
        <source>A customer asks to be contacted</source>
        <translation>Eine Kundin oder ein Kunde bittet um Kontakt</translation>
    </message>
    <message numerus="yes">
        <source>New %n-star rating</source>
        <translation>
            <numerusform>Neue Bewertung mit %n Stern</numerusform>
            <numerusform>Neue Bewertung mit %n Sternen</numerusform>
        </translation>
    </message>
    <message>
        <source>Courier %1, order %2</source>
        <translation>Kurier %1, Bestellung %2</translation>
    </message>
    <message>
        <source>The customer asks to be contacted.</source>
        <translation>Die Kundin oder der Kunde bittet um Kontakt.</translation>
    </message>
</context>
<context>
    <name>feedback::app::RecordDetailPane</name>
    <message>
        <source>Dispatcher</source>
        <translation>Disposition</translation>
    </message>
    <message>
        <source>Retract feedback</source>
        <translation>Feedback zurückziehen</translation>
    </message>
    <message>
        <source>Retracted feedback stays in the log but leaves analytics on every device. Retract it?</source>
        <translation>Zurückgezogenes Feedback bleibt im Protokoll, fällt aber auf allen Geräten aus der Auswertung. Zurückziehen?</translation>
    </message>
    <message>
        <source>Retract</source>
        <translation>Zurückziehen</translation>
    </message>
    <message>
        <source>Order %1 · courier %2</source>
        <translation>Bestellung %1 · Kurier %2</translation>
    </message>
    <message>
        <source> (%1 of 5)</source>
        <translation> (%1 von 5)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>no comment</source>
        <translation>kein Kommentar</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisiert</translation>
    </message>
    <message>
        <source>Saved on this device</source>
        <translation>Auf diesem Gerät gespeichert</translation>
    </message>
    <message>
        <source>entered on this device</source>
        <translation>auf diesem Gerät erfasst</translation>
    </message>
    <message>
        <source>retracted</source>
        <translation>zurückgezogen</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message numerus="yes">
        <source>%n star(s)</source>
        <translation>
            <numerusform>%n Stern</numerusform>
            <numerusform>%n Sterne</numerusform>
        </translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>Keep %1</source>
        <translation>%1 behalten</translation>
    </message>
    <message>
        <source>Keep %1 for %2</source>
        <translation>%1 für %2 behalten</translation>
    </message>
    <message>
        <source>Erase contact details</source>
        <translation>Kontaktdaten löschen</translation>
    </message>
    <message>
        <source>The customer&apos;s phone number or e-mail address is removed from this record on every device; their request to be contacted stays. Erase it?</source>
        <translation>Telefonnummer oder E-Mail-Adresse werden auf allen Geräten aus diesem Eintrag entfernt; der Kontaktwunsch bleibt bestehen. Löschen?</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>set on %1, %2</source>
        <translation>gesetzt auf %1, %2</translation>
    </message>
    <message>
        <source>Erase personal data</source>
        <translation>Personenbezogene Daten löschen</translation>
    </message>
    <message>
        <source>The customer&apos;s comment, the order number and the contact details are removed from this record for good, on every device, and can never be written again. The rating, the reasons and your notes stay. Exports and backups made before keep what they hold. Erase?</source>
        <translation>Kommentar der Kundin oder des Kunden, Bestellnummer und Kontaktdaten werden aus diesem Eintrag endgültig auf allen Geräten entfernt und können nie wieder eingetragen werden. Bewertung, Gründe und Ihre Notizen bleiben. Frühere Exporte und Sicherungen behalten ihren Inhalt. Löschen?</translation>
    </message>
    <message>
        <source>(erased)</source>
        <translation>(gelöscht)</translation>
    </message>
    <message>
        <source>Erased</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>Open order %1 in the order system</source>
        <translation>Bestellung %1 im Bestellsystem öffnen</translation>
    </message>
    <message>
        <source>No browser could open %1.</source>
        <translation>Kein Browser konnte %1 öffnen.</translation>
    </message>
</context>
<context>
    <name>feedback::app::RecordHistoryBox</name>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Order number erased</source>
        <translation>Bestellnummer gelöscht</translation>
    </message>
    <message>
        <source>%1 erased</source>
        <translation>%1 gelöscht</translation>
    </message>
    <message>
        <source>Note added</source>
        <translation>Notiz hinzugefügt</translation>
    </message>
    <message>
        <source>Retracted</source>
        <translation>Zurückgezogen</translation>
    </message>
    <message>
        <source>%1 changed</source>
        <translation>%1 geändert</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Gründe</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
</context>
<context>
    <name>feedback::app::RecordTableModel</name>
    <message numerus="yes">
        <source>%n of 5 stars</source>
        <translation>
            <numerusform>%n von 5 Sternen</numerusform>
            <numerusform>%n von 5 Sternen</numerusform>
        </translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisiert</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Bestellung</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>Kurier</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Gründe</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Nachbearbeitung</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <source>Synced with the other devices</source>
        <translation>Mit den anderen Geräten synchronisiert</translation>
    </message>
    <message>
        <source>Saved on this device, not yet synced</source>
        <translation>Auf diesem Gerät gespeichert, noch nicht synchronisiert</translation>
    </message>
    <message>
        <source>Conflict: edited on two devices at once. Open it to keep one value.</source>
        <translation>Konflikt: auf zwei Geräten gleichzeitig bearbeitet. Öffnen Sie den Eintrag, um einen Wert zu behalten.</translation>
    </message>
    <message>
        <source>Retracted: left out of analytics and exports.</source>
        <translation>Zurückgezogen: nicht in Auswertungen und Exporten.</translation>
    </message>
    <message>
        <source>(erased)</source>
        <translation>(gelöscht)</translation>
    </message>
</context>
<context>
    <name>feedback::app::ReportDialog</name>
    <message>
        <source>Export report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>A PDF with the figures and charts of the period, the ten worst couriers with the comments customers allowed to publish, and the follow-ups still open.</source>
        <translation>Ein PDF mit den Zahlen und Diagrammen des Zeitraums, den zehn schlechtesten Kurieren mit den Kommentaren, deren Veröffentlichung die Kunden erlaubt haben, und den noch offenen Nachbearbeitungen.</translation>
    </message>
    <message>
        <source>First day of the report</source>
        <translation>Erster Tag des Berichts</translation>
    </message>
    <message>
        <source>Last day of the report</source>
        <translation>Letzter Tag des Berichts</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Bis</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>The period ends before it starts: choose a first day on or before the last.</source>
        <translation>Der Zeitraum endet, bevor er beginnt: Wählen Sie einen ersten Tag am oder vor dem letzten.</translation>
    </message>
</context>
<context>
    <name>feedback::app::SettingsDialog</name>
    <message>
        <source>As the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>None set: anyone can leave the kiosk</source>
        <translation>Keine festgelegt: jeder kann den Kiosk verlassen</translation>
    </message>
    <message>
        <source>The relay address must start with wss:// (or ws:// on a trusted network).</source>
        <translation>Die Relay-Adresse muss mit wss:// beginnen (oder ws:// in einem vertrauenswürdigen Netz).</translation>
    </message>
    <message>
        <source>A kiosk PIN has 4 to 12 digits.</source>
        <translation>Eine Kiosk-PIN hat 4 bis 12 Ziffern.</translation>
    </message>
    <message>
        <source>Reset this device? Its profile, keys and local copy of the feedback are deleted. Everything it entered has reached the relay.</source>
        <translation>Dieses Gerät zurücksetzen? Profil, Schlüssel und lokale Kopie des Feedbacks werden gelöscht. Alles hier Erfasste ist beim Relay angekommen.</translation>
    </message>
    <message numerus="yes">
        <source>Reset this device? %n record(s) entered here have NOT reached the relay yet and would be lost.</source>
        <translation>
            <numerusform>Dieses Gerät zurücksetzen? %n hier erfasster Eintrag hat das Relay NOCH NICHT erreicht und ginge verloren.</numerusform>
            <numerusform>Dieses Gerät zurücksetzen? %n hier erfasste Einträge haben das Relay NOCH NICHT erreicht und gingen verloren.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reset this device</source>
        <translation>Dieses Gerät zurücksetzen</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Delete unsynced feedback?</source>
        <translation>Nicht synchronisiertes Feedback löschen?</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n record(s) that exist only on this device? This cannot be undone.</source>
        <translation>
            <numerusform>%n Eintrag löschen, der nur auf diesem Gerät existiert? Das kann nicht rückgängig gemacht werden.</numerusform>
            <numerusform>%n Einträge löschen, die nur auf diesem Gerät existieren? Das kann nicht rückgängig gemacht werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete them and reset</source>
        <translation>Löschen und zurücksetzen</translation>
    </message>
    <message>
        <source>Kiosks and field laptops: synced feedback older than this leaves this device (the relay and the other devices keep it). A dispatcher desk keeps everything.</source>
        <translation>Kiosks und Außendienst-Laptops: Synchronisiertes Feedback, das älter ist, wird von diesem Gerät entfernt (Relay und andere Geräte behalten es). Ein Dispositionsplatz behält alles.</translation>
    </message>
    <message>
        <source>Enter the relay address, or untick &quot;Sync with the relay&quot; to keep the feedback on this device.</source>
        <translation>Geben Sie die Relay-Adresse ein oder schalten Sie „Mit dem Relay synchronisieren“ aus, damit das Feedback auf diesem Gerät bleibt.</translation>
    </message>
    <message>
        <source>Found by themselves; else address:port (this device: port %1)</source>
        <translation>Werden von selbst gefunden; sonst Adresse:Port (dieses Gerät: Port %1)</translation>
    </message>
    <message>
        <source>Found by themselves; else address:port</source>
        <translation>Werden von selbst gefunden; sonst Adresse:Port</translation>
    </message>
    <message>
        <source>Name a nearby device as address:port, for example 192.168.1.20:47300 (&quot;%1&quot; is not).</source>
        <translation>Ein Gerät in der Nähe als Adresse:Port nennen, zum Beispiel 192.168.1.20:47300 („%1“ ist keine).</translation>
    </message>
</context>
<context>
    <name>feedback::app::StarRating</name>
    <message>
        <source>Rating</source>
        <translation>Bewertung</translation>
    </message>
    <message numerus="yes">
        <source>%n of 5 stars</source>
        <translation>
            <numerusform>%n von 5 Sternen</numerusform>
            <numerusform>%n von 5 Sternen</numerusform>
        </translation>
    </message>
    <message>
        <source>No rating yet</source>
        <translation>Noch keine Bewertung</translation>
    </message>
</context>
<context>
    <name>feedback::app::StatusDot</name>
    <message>
        <source>Status light for staff</source>
        <translation>Statusanzeige für das Personal</translation>
    </message>
</context>
<context>
    <name>feedback::app::SyncPanel</name>
    <message>
        <source>none set</source>
        <translation>nicht festgelegt</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>&amp;Retry now</source>
        <translation>&amp;Jetzt erneut versuchen</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>Jetzt s&amp;ynchronisieren</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
</context>
<context>
    <name>feedback::app::SyncStatusWidget</name>
    <message>
        <source>Sync status: %1</source>
        <translation>Synchronisationsstatus: %1</translation>
    </message>
    <message>
        <source>Click for sync details</source>
        <translation>Für Synchronisationsdetails klicken</translation>
    </message>
</context>
</TS>
