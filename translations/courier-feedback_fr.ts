<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>AppOptions</name>
    <message>
        <source>Courier Feedback: collect and follow up delivery feedback, offline first.</source>
        <translation>Courier Feedback&#xa0;: recueillir et suivre les avis sur les livraisons, hors ligne d&apos;abord.</translation>
    </message>
    <message>
        <source>Profile directory (default: FEEDBACK_PROFILE, else the user&apos;s application data).</source>
        <translation>Dossier du profil (par défaut&#xa0;: FEEDBACK_PROFILE, sinon les données d&apos;application de l&apos;utilisateur).</translation>
    </message>
    <message>
        <source>kiosk, dispatcher or field (for this run; the settings keep the usual one).</source>
        <translation>kiosk, dispatcher ou field (pour ce lancement&#xa0;; les paramètres gardent le mode habituel).</translation>
    </message>
    <message>
        <source>Relay URL (ws:// or wss://); saved in the profile.</source>
        <translation>URL du relais (ws:// ou wss://)&#xa0;; enregistrée dans le profil.</translation>
    </message>
    <message>
        <source>Read the profile passphrase from FILE (where there is no keychain).</source>
        <translation>Lire la phrase secrète du profil depuis FILE (en l&apos;absence de trousseau).</translation>
    </message>
</context>
<context>
    <name>CaptureForm</name>
    <message>
        <source>How was your delivery?</source>
        <translation>Comment s&apos;est passée votre livraison&#xa0;?</translation>
    </message>
    <message>
        <source>&amp;Order number</source>
        <translation>Numéro de &amp;commande</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>Numéro de commande</translation>
    </message>
    <message>
        <source>Scan the receipt or type, e.g. ORD-123456</source>
        <translation>Scannez le reçu ou saisissez-le, p. ex. ORD-123456</translation>
    </message>
    <message>
        <source>&amp;Courier number</source>
        <translation>Numéro du &amp;livreur</translation>
    </message>
    <message>
        <source>Courier number</source>
        <translation>Numéro du livreur</translation>
    </message>
    <message>
        <source>On the courier&apos;s badge, e.g. 42</source>
        <translation>Sur le badge du livreur, p. ex. 42</translation>
    </message>
    <message>
        <source>&amp;Rating</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <source>What stood out?</source>
        <translation>Qu&apos;avez-vous remarqué&#xa0;?</translation>
    </message>
    <message>
        <source>Co&amp;mment</source>
        <translation>Co&amp;mmentaire</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <source>Optional: tell us more</source>
        <translation>Facultatif&#xa0;: dites-nous-en plus</translation>
    </message>
    <message>
        <source>You may &amp;publish my rating and comment</source>
        <translation>Vous pouvez &amp;publier ma note et mon commentaire</translation>
    </message>
    <message>
        <source>Publish consent</source>
        <translation>Accord de publication</translation>
    </message>
    <message>
        <source>Please &amp;contact me about this delivery</source>
        <translation>Merci de me &amp;recontacter au sujet de cette livraison</translation>
    </message>
    <message>
        <source>&amp;Send feedback</source>
        <translation>&amp;Envoyer l&apos;avis</translation>
    </message>
    <message>
        <source>Send feedback</source>
        <translation>Envoyer l&apos;avis</translation>
    </message>
    <message>
        <source>Contact me</source>
        <translation>Me contacter</translation>
    </message>
    <message>
        <source>How can we reach you? Phone or &amp;e-mail (optional)</source>
        <translation>Comment vous joindre&#xa0;? &amp;Téléphone ou e-mail (facultatif)</translation>
    </message>
    <message>
        <source>Phone or e-mail</source>
        <translation>Téléphone ou e-mail</translation>
    </message>
    <message>
        <source>030 1234567 or name@example.com</source>
        <translation>030 1234567 ou nom@example.com</translation>
    </message>
</context>
<context>
    <name>DispatcherView</name>
    <message>
        <source>Records and analytics</source>
        <translation>Avis et analyses</translation>
    </message>
    <message>
        <source>&amp;Records</source>
        <translation>A&amp;vis</translation>
    </message>
    <message>
        <source>Find text</source>
        <translation>Texte à rechercher</translation>
    </message>
    <message>
        <source>Order, comment, assignee or courier</source>
        <translation>Commande, commentaire, responsable ou livreur</translation>
    </message>
    <message>
        <source>Ra&amp;ting</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <source>Lowest rating</source>
        <translation>Note minimale</translation>
    </message>
    <message>
        <source>to</source>
        <translation>à</translation>
    </message>
    <message>
        <source>Highest rating</source>
        <translation>Note maximale</translation>
    </message>
    <message>
        <source>Courier number</source>
        <translation>Numéro du livreur</translation>
    </message>
    <message>
        <source>any</source>
        <translation>indifférent</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>Avan&amp;cement</translation>
    </message>
    <message>
        <source>Follow-up status</source>
        <translation>Avancement du suivi</translation>
    </message>
    <message>
        <source>Fro&amp;m</source>
        <translation>&amp;Du</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Date de début</translation>
    </message>
    <message>
        <source>T&amp;o</source>
        <translation>A&amp;u</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Date de fin</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>Effacer les f&amp;iltres</translation>
    </message>
    <message>
        <source>Feedback records</source>
        <translation>Avis enregistrés</translation>
    </message>
    <message>
        <source>&amp;Analytics</source>
        <translation>Analys&amp;es</translation>
    </message>
    <message>
        <source>F&amp;ind</source>
        <translation>&amp;Rechercher</translation>
    </message>
    <message>
        <source>R&amp;eason</source>
        <translation>M&amp;otif</translation>
    </message>
    <message>
        <source>Reason given</source>
        <translation>Motif indiqué</translation>
    </message>
    <message>
        <source>&amp;Courier</source>
        <translation>&amp;Livreur</translation>
    </message>
    <message>
        <source>Needs follo&amp;w-up</source>
        <translation>&amp;Suivi nécessaire</translation>
    </message>
    <message>
        <source>Co&amp;nflicts only</source>
        <translation>Conflits seule&amp;ment</translation>
    </message>
    <message>
        <source>Only records edited on two devices at once</source>
        <translation>Seulement les avis modifiés sur deux appareils à la fois</translation>
    </message>
    <message>
        <source>Save the records the filters show as CSV (for spreadsheets) or JSON</source>
        <translation>Enregistrer les avis que montrent les filtres en CSV (pour les tableurs) ou en JSON</translation>
    </message>
    <message>
        <source>My follow-u&amp;ps</source>
        <translation>&amp;Gérés par moi</translation>
    </message>
    <message>
        <source>Only records assigned to you (the name you give on this desk)</source>
        <translation>Seulement les avis qui vous sont attribués (sous le nom que vous donnez à ce poste)</translation>
    </message>
</context>
<context>
    <name>DisplayDates</name>
    <message>
        <source>MMM d</source>
        <comment>day and month on the analytics chart&apos;s axis, as a QDateTime format (MMM: abbreviated month name)</comment>
        <translation>d MMM</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>Rating</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <source>Publish consent</source>
        <translation>Accord de publication</translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation>Suivi nécessaire</translation>
    </message>
    <message>
        <source>Follow-up status</source>
        <translation>Avancement du suivi</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Contact requested</source>
        <translation>Contact demandé</translation>
    </message>
    <message>
        <source>Phone or e-mail</source>
        <translation>Téléphone ou e-mail</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>Allow an unencrypted connection (insecure)</source>
        <translation>Autoriser une connexion non chiffrée (non sécurisé)</translation>
    </message>
    <message>
        <source>Only for a relay on a network you trust: with ws:// anyone on the way can read and change what is sent.</source>
        <translation>Uniquement pour un relais sur un réseau de confiance : avec ws://, n’importe qui sur le trajet peut lire et modifier ce qui est envoyé.</translation>
    </message>
    <message>
        <source>Set up Courier Feedback</source>
        <translation>Configurer Courier Feedback</translation>
    </message>
    <message>
        <source>Welcome. Set up this device once; you can change everything later in the settings.</source>
        <translation>Bienvenue. Configurez cet appareil une fois&#xa0;; vous pourrez tout modifier plus tard dans les paramètres.</translation>
    </message>
    <message>
        <source>&amp;Use this device as</source>
        <translation>&amp;Utiliser cet appareil comme</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Device name</source>
        <translation>Nom de l&apos;appareil</translation>
    </message>
    <message>
        <source>&amp;Create a new workspace (the first device of a company)</source>
        <translation>&amp;Créer un espace de travail (premier appareil d&apos;une entreprise)</translation>
    </message>
    <message>
        <source>&amp;Join a workspace with an invite code</source>
        <translation>&amp;Rejoindre un espace de travail avec un code d&apos;invitation</translation>
    </message>
    <message>
        <source>In&amp;vite code</source>
        <translation>Code d&apos;in&amp;vitation</translation>
    </message>
    <message>
        <source>Invite code</source>
        <translation>Code d&apos;invitation</translation>
    </message>
    <message>
        <source>cf1-…</source>
        <translation>cf1-…</translation>
    </message>
    <message>
        <source>&amp;Relay address</source>
        <translation>&amp;Adresse du relais</translation>
    </message>
    <message>
        <source>Relay address</source>
        <translation>Adresse du relais</translation>
    </message>
    <message>
        <source>wss://relay.example.com (from the invite code when joining)</source>
        <translation>wss://relay.example.com (tirée du code d&apos;invitation pour rejoindre)</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>&amp;Phrase secrète</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message>
        <source>Only needed where the system keychain is missing</source>
        <translation>Nécessaire seulement en l&apos;absence du trousseau système</translation>
    </message>
    <message>
        <source>Repeat passphrase</source>
        <translation>Répéter la phrase secrète</translation>
    </message>
    <message>
        <source>Kiosk P&amp;IN</source>
        <translation>Code P&amp;IN de la borne</translation>
    </message>
    <message>
        <source>Kiosk PIN</source>
        <translation>Code PIN de la borne</translation>
    </message>
    <message>
        <source>At least 4 digits; staff need it to leave the kiosk</source>
        <translation>Au moins 4 chiffres&#xa0;; le personnel en a besoin pour quitter la borne</translation>
    </message>
    <message>
        <source>How this device is used decides what it shows; its name tells dispatchers where feedback was entered.</source>
        <translation>L&apos;usage de cet appareil décide de ce qu&apos;il affiche&#xa0;; son nom indique aux répartiteurs où les avis ont été saisis.</translation>
    </message>
    <message>
        <source>Device na&amp;me</source>
        <translation>&amp;Nom de l&apos;appareil</translation>
    </message>
    <message>
        <source>A workspace is one company&apos;s feedback: create it on the first device and join it with an invite code on the others; the relay passes it on, encrypted.</source>
        <translation>Un espace de travail réunit les avis d&apos;une entreprise&#xa0;: créez-le sur le premier appareil et rejoignez-le avec un code d&apos;invitation sur les autres&#xa0;; le relais les transmet chiffrés.</translation>
    </message>
    <message>
        <source>S&amp;ync with the relay (off: feedback stays on this device)</source>
        <translation>S&amp;ynchroniser avec le relais (désactivé&#xa0;: les avis restent sur cet appareil)</translation>
    </message>
    <message>
        <source>&amp;Repeat passphrase</source>
        <translation>&amp;Répéter la phrase secrète</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; Re&amp;tour</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Suivant &gt;</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Démarrer</translation>
    </message>
    <message>
        <source>Ad&amp;mission token</source>
        <translation>Jeton d&apos;ad&amp;mission</translation>
    </message>
    <message>
        <source>Admission token</source>
        <translation>Jeton d&apos;admission</translation>
    </message>
    <message>
        <source>cfa1-… (only if the relay&apos;s operator gave you one)</source>
        <translation>cfa1-… (seulement si l&apos;opérateur du relais vous en a donné un)</translation>
    </message>
    <message>
        <source>A relay that serves only the workspaces its operator admitted takes a new workspace with the token the operator made for it (feedback-relay admit --token).</source>
        <translation>Un relais qui ne sert que les espaces de travail admis par son opérateur accepte un nouvel espace avec le jeton que l&apos;opérateur a créé pour lui (feedback-relay admit --token).</translation>
    </message>
</context>
<context>
    <name>FollowUp</name>
    <message>
        <source>Open</source>
        <translation>Ouvert</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Résolu</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
</context>
<context>
    <name>Modes</name>
    <message>
        <source>Dispatcher desk</source>
        <translation>Poste de répartition</translation>
    </message>
    <message>
        <source>Feedback kiosk (full screen)</source>
        <translation>Borne d&apos;avis (plein écran)</translation>
    </message>
    <message>
        <source>Field laptop</source>
        <translation>Portable terrain</translation>
    </message>
    <message>
        <source>A kiosk needs a PIN of 4 to 12 digits, so that customers cannot leave it.</source>
        <translation>Une borne a besoin d&apos;un code PIN de 4 à 12 chiffres, pour que les clients ne puissent pas la quitter.</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Borne</translation>
    </message>
    <message>
        <source>%1 kiosk</source>
        <translation>Borne %1</translation>
    </message>
    <message>
        <source>%1 laptop</source>
        <translation>Portable %1</translation>
    </message>
    <message>
        <source>%1 desk</source>
        <translation>Répartition %1</translation>
    </message>
</context>
<context>
    <name>OrderLink</name>
    <message>
        <source>The order link must contain {orderId} where the order number goes, for example https://orders.example/{orderId}.</source>
        <translation>Le lien de commande doit contenir {orderId} à la place du numéro de commande, par exemple https://orders.example/{orderId}.</translation>
    </message>
    <message>
        <source>The order link must be a web address starting with https:// (or http://).</source>
        <translation>Le lien de commande doit être une adresse web commençant par https:// (ou http://).</translation>
    </message>
    <message>
        <source>In the order link, {orderId} must come after the host, in the path or the query, for example https://orders.example/{orderId}.</source>
        <translation>Dans le lien de commande, {orderId} doit venir après l’hôte, dans le chemin ou la requête, par exemple https://orders.example/{orderId}.</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>Late</source>
        <translation>En retard</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>Endommagé</translation>
    </message>
    <message>
        <source>Rude</source>
        <translation>Impoli</translation>
    </message>
    <message>
        <source>Friendly</source>
        <translation>Aimable</translation>
    </message>
    <message>
        <source>Fast</source>
        <translation>Rapide</translation>
    </message>
    <message>
        <source>Wrong address</source>
        <translation>Mauvaise adresse</translation>
    </message>
    <message>
        <source>No contact attempt</source>
        <translation>Aucune tentative de contact</translation>
    </message>
</context>
<context>
    <name>RecordCsv</name>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Created (UTC)</source>
        <translation>Créé (UTC)</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>Livreur</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motifs</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <source>May publish</source>
        <translation>Publication autorisée</translation>
    </message>
    <message>
        <source>Needs follow-up</source>
        <translation>Suivi nécessaire</translation>
    </message>
    <message>
        <source>Follow-up status</source>
        <translation>Avancement du suivi</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Remarques</translation>
    </message>
    <message>
        <source>Retracted</source>
        <translation>Retiré</translation>
    </message>
    <message>
        <source>Edited on two devices</source>
        <translation>Modifié sur deux appareils</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Appareil</translation>
    </message>
    <message>
        <source>Record ID</source>
        <translation>ID de l&apos;avis</translation>
    </message>
    <message>
        <source>Device ID</source>
        <translation>ID de l&apos;appareil</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisé</translation>
    </message>
    <message>
        <source>Saved on this device</source>
        <translation>Enregistré sur cet appareil</translation>
    </message>
</context>
<context>
    <name>RecordDetailPane</name>
    <message>
        <source>Select a record to see its details.</source>
        <translation>Sélectionnez un avis pour voir ses détails.</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motifs</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <source>May publish</source>
        <translation>Publication autorisée</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Edited on two devices at once: keep one value</source>
        <translation>Modifié sur deux appareils en même temps&#xa0;: gardez une valeur</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Suivi</translation>
    </message>
    <message>
        <source>Follow-up status</source>
        <translation>Avancement du suivi</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Who takes care of it</source>
        <translation>Qui s&apos;en occupe</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Remarques</translation>
    </message>
    <message>
        <source>New note</source>
        <translation>Nouvelle remarque</translation>
    </message>
    <message>
        <source>Add a note: what was done, who was called</source>
        <translation>Ajoutez une remarque&#xa0;: ce qui a été fait, qui a été appelé</translation>
    </message>
    <message>
        <source>Hide this feedback from analytics and exports on every device</source>
        <translation>Masquer cet avis des analyses et des exports sur tous les appareils</translation>
    </message>
    <message>
        <source>Stat&amp;us</source>
        <translation>Avancemen&amp;t</translation>
    </message>
    <message>
        <source>Assi&amp;gnee</source>
        <translation>Res&amp;ponsable</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Attribuer</translation>
    </message>
    <message>
        <source>A&amp;dd note</source>
        <translation>Ajouter une remar&amp;que</translation>
    </message>
    <message>
        <source>Retract…</source>
        <translation>Retirer…</translation>
    </message>
    <message>
        <source>Erase personal data…</source>
        <translation>Effacer les données personnelles…</translation>
    </message>
    <message>
        <source>Remove the comment, the order number and the contact details for good on every device</source>
        <translation>Supprimer définitivement le commentaire, le numéro de commande et les coordonnées sur tous les appareils</translation>
    </message>
</context>
<context>
    <name>RelaySecurity</name>
    <message>
        <source>ws:// sends everything unencrypted to %1; use wss:// or tick &quot;Allow an unencrypted connection (insecure)&quot;.</source>
        <translation>ws:// envoie tout en clair à %1 ; utilisez wss:// ou cochez « Autoriser une connexion non chiffrée (non sécurisé) ».</translation>
    </message>
</context>
<context>
    <name>ReportPdf</name>
    <message>
        <source>%1 · order %2 · courier %3 · %4 · %5</source>
        <translation>%1 · commande %2 · livreur %3 · %4 · %5</translation>
    </message>
    <message>
        <source>(erased)</source>
        <translation>(effacé)</translation>
    </message>
    <message>
        <source> · %1</source>
        <translation> · %1</translation>
    </message>
    <message>
        <source>Courier feedback %1 – %2</source>
        <translation>Avis sur les livreurs %1 – %2</translation>
    </message>
    <message>
        <source>Could not start the PDF.</source>
        <translation>Impossible de commencer le PDF.</translation>
    </message>
    <message>
        <source>Courier feedback report</source>
        <translation>Rapport des avis sur les livreurs</translation>
    </message>
    <message>
        <source>Period: %1 – %2</source>
        <translation>Période : %1 – %2</translation>
    </message>
    <message>
        <source>Printed %1 at %2</source>
        <translation>Imprimé le %1 sur %2</translation>
    </message>
    <message numerus="yes">
        <source>%n rating(s), average %1 of 5</source>
        <translation>
            <numerusform>%n note, moyenne %1 sur 5</numerusform>
            <numerusform>%n notes, moyenne %1 sur 5</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) open</source>
        <translation>
            <numerusform>%n suivi ouvert</numerusform>
            <numerusform>%n suivis ouverts</numerusform>
        </translation>
    </message>
    <message>
        <source>Ratings by stars</source>
        <translation>Notes par étoiles</translation>
    </message>
    <message>
        <source>Ratings per day</source>
        <translation>Notes par jour</translation>
    </message>
    <message>
        <source>The ten worst couriers</source>
        <translation>Les dix livreurs les moins bien notés</translation>
    </message>
    <message>
        <source>No ratings in this period.</source>
        <translation>Aucune note sur cette période.</translation>
    </message>
    <message numerus="yes">
        <source>Courier %1: average %2 of 5 from %n rating(s)</source>
        <translation>
            <numerusform>Livreur %1 : moyenne %2 sur 5 pour %n note</numerusform>
            <numerusform>Livreur %1 : moyenne %2 sur 5 pour %n notes</numerusform>
        </translation>
    </message>
    <message>
        <source>Open follow-ups</source>
        <translation>Suivis ouverts</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Aucun.</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (the desk&apos;s Status filter lists them all).</source>
        <translation>
            <numerusform>… et %n de plus (le filtre Avancement du poste les montre tous).</numerusform>
            <numerusform>… et %n de plus (le filtre Avancement du poste les montre tous).</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Allow an unencrypted connection (insecure)</source>
        <translation>Autoriser une connexion non chiffrée (non sécurisé)</translation>
    </message>
    <message>
        <source>Only for a relay on a network you trust: with ws:// anyone on the way can read and change what is sent.</source>
        <translation>Uniquement pour un relais sur un réseau de confiance : avec ws://, n’importe qui sur le trajet peut lire et modifier ce qui est envoyé.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>&amp;Use this device as</source>
        <translation>&amp;Utiliser cet appareil comme</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Device &amp;name</source>
        <translation>&amp;Nom de l&apos;appareil</translation>
    </message>
    <message>
        <source>Device name</source>
        <translation>Nom de l&apos;appareil</translation>
    </message>
    <message>
        <source>&amp;Relay address</source>
        <translation>&amp;Adresse du relais</translation>
    </message>
    <message>
        <source>Relay address</source>
        <translation>Adresse du relais</translation>
    </message>
    <message>
        <source>wss://relay.example.com</source>
        <translation>wss://relay.example.com</translation>
    </message>
    <message>
        <source>S&amp;ync with the relay (off: feedback stays on this device)</source>
        <translation>S&amp;ynchroniser avec le relais (désactivé&#xa0;: les avis restent sur cet appareil)</translation>
    </message>
    <message>
        <source>Kiosk &amp;PIN</source>
        <translation>Code &amp;PIN de la borne</translation>
    </message>
    <message>
        <source>Kiosk PIN</source>
        <translation>Code PIN de la borne</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Inchangé</translation>
    </message>
    <message>
        <source>&amp;Keep synced feedback</source>
        <translation>&amp;Conserver les avis synchronisés</translation>
    </message>
    <message>
        <source>Days to keep synced feedback on this device</source>
        <translation>Nombre de jours de conservation des avis synchronisés sur cet appareil</translation>
    </message>
    <message>
        <source>forever</source>
        <translation>toujours</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>R&amp;eset this device…</source>
        <translation>&amp;Réinitialiser cet appareil…</translation>
    </message>
    <message>
        <source>De&amp;vices…</source>
        <translation>Appareil&amp;s…</translation>
    </message>
    <message>
        <source>Sync with &amp;nearby devices when the relay is out of reach</source>
        <translation>Synchroniser avec les appareils à &amp;proximité quand le relais est injoignable</translation>
    </message>
    <message>
        <source>Devices of this workspace on the same local network find each other and sync directly; what they learn goes to the relay later. Off on kiosks.</source>
        <translation>Les appareils de cet espace de travail sur le même réseau local se trouvent et se synchronisent directement ; ce qu&apos;ils apprennent est transmis au relais plus tard. Désactivé sur les bornes.</translation>
    </message>
    <message>
        <source>Nearby &amp;devices</source>
        <translation>&amp;Appareils à proximité</translation>
    </message>
    <message>
        <source>Nearby devices named by hand</source>
        <translation>Appareils à proximité indiqués à la main</translation>
    </message>
    <message>
        <source>Devices on the same network are found by themselves. Where the network does not let them (another subnet, a blocked multicast), name each one as address:port, separated by spaces.</source>
        <translation>Les appareils du même réseau se trouvent d’eux-mêmes. Là où le réseau ne le permet pas (autre sous-réseau, multicast bloqué), indiquez chacun comme adresse:port, séparés par des espaces.</translation>
    </message>
    <message>
        <source>&amp;Order link</source>
        <translation>Lien de comman&amp;de</translation>
    </message>
    <message>
        <source>Order system link</source>
        <translation>Lien vers le système de commandes</translation>
    </message>
    <message>
        <source>https://orders.example/{orderId}</source>
        <translation>https://orders.example/{orderId}</translation>
    </message>
    <message>
        <source>The dispatcher&apos;s record pane links each order number to your order system: {orderId} is replaced by the order number.</source>
        <translation>Le volet de détail du poste de répartition relie chaque numéro de commande à votre système de commandes : {orderId} est remplacé par le numéro de commande.</translation>
    </message>
    <message>
        <source>Desktop &amp;alerts for ratings of 1–2 stars and requests to be contacted</source>
        <translation>Al&amp;ertes de bureau pour les notes de 1 à 2 étoiles et les demandes de contact</translation>
    </message>
    <message>
        <source>On a dispatcher desk: a notification when such a rating arrives from another device.</source>
        <translation>Sur un poste de répartition : une notification quand une telle note arrive d’un autre appareil.</translation>
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
        <translation>Relais</translation>
    </message>
    <message>
        <source>This device</source>
        <translation>Cet appareil</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>En attente d&apos;envoi</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Dernière synchronisation</translation>
    </message>
    <message>
        <source>Last problem</source>
        <translation>Dernier problème</translation>
    </message>
    <message>
        <source>Recent &amp;events</source>
        <translation>Événements &amp;récents</translation>
    </message>
    <message>
        <source>Recent sync events</source>
        <translation>Événements de synchronisation récents</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Synchroniser maintenant</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>à l&apos;instant</translation>
    </message>
    <message>
        <source>Sync off · %1</source>
        <translation>Synchronisation désactivée · %1</translation>
    </message>
    <message>
        <source>Offline · %1</source>
        <translation>Hors ligne · %1</translation>
    </message>
    <message>
        <source>Syncing %1 of %2 · %3</source>
        <translation>Synchronisation %1 sur %2 · %3</translation>
    </message>
    <message>
        <source>Syncing… · %1</source>
        <translation>Synchronisation… · %1</translation>
    </message>
    <message>
        <source>Up to date (%1) · %2</source>
        <translation>À jour (%1) · %2</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>il y a %n min</numerusform>
            <numerusform>il y a %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>il y a %n h</numerusform>
            <numerusform>il y a %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>il y a %n jour</numerusform>
            <numerusform>il y a %n jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n en attente</numerusform>
            <numerusform>%n en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) could not be read</source>
        <translation>
            <numerusform>%n modification n&apos;a pas pu être lue</numerusform>
            <numerusform>%n modifications n&apos;ont pas pu être lues</numerusform>
        </translation>
    </message>
    <message>
        <source>it has too many devices connected</source>
        <translation>trop d&apos;appareils y sont connectés</translation>
    </message>
    <message>
        <source>this device sent too much too fast</source>
        <translation>cet appareil a envoyé trop, trop vite</translation>
    </message>
    <message>
        <source>it could not store what was sent</source>
        <translation>il n&apos;a pas pu enregistrer ce qui a été envoyé</translation>
    </message>
    <message>
        <source>this device took too long to sign in</source>
        <translation>cet appareil a mis trop de temps à se connecter</translation>
    </message>
    <message>
        <source>a message was too large</source>
        <translation>un message était trop volumineux</translation>
    </message>
    <message>
        <source>a protocol error (%1)</source>
        <translation>une erreur de protocole (%1)</translation>
    </message>
    <message numerus="yes">
        <source>retrying in %n s</source>
        <translation>
            <numerusform>nouvel essai dans %n s</numerusform>
            <numerusform>nouvel essai dans %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>trying again…</source>
        <translation>nouvel essai…</translation>
    </message>
    <message>
        <source>Sync not set up · %1</source>
        <translation>Synchronisation non configurée · %1</translation>
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
        <translation>Connexion à %1… · %2</translation>
    </message>
    <message>
        <source>Cannot reach %1</source>
        <translation>Impossible de joindre %1</translation>
    </message>
    <message>
        <source>Cannot verify %1</source>
        <translation>Impossible de vérifier %1</translation>
    </message>
    <message>
        <source>Connection to %1 lost</source>
        <translation>Connexion à %1 perdue</translation>
    </message>
    <message>
        <source>%1 does not accept this device</source>
        <translation>%1 n&apos;accepte pas cet appareil</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 a refusé : %2</translation>
    </message>
    <message>
        <source>Update required</source>
        <translation>Mise à jour nécessaire</translation>
    </message>
    <message>
        <source>This device was removed from the workspace</source>
        <translation>Cet appareil a été retiré de l&apos;espace de travail</translation>
    </message>
    <message>
        <source>This device was removed from the workspace. It no longer syncs; to use it again, join the workspace with a new invite.</source>
        <translation>Cet appareil a été retiré de l&apos;espace de travail. Il ne se synchronise plus ; pour l&apos;utiliser à nouveau, rejoignez l&apos;espace de travail avec une nouvelle invitation.</translation>
    </message>
    <message>
        <source>Sync error: %1</source>
        <translation>Erreur de synchronisation : %1</translation>
    </message>
    <message>
        <source>Cannot reach %1: the connection was refused. The relay may be stopped, or the address or port may be wrong.</source>
        <translation>Impossible de joindre %1 : la connexion a été refusée. Le relais est peut-être arrêté, ou l&apos;adresse ou le port sont erronés.</translation>
    </message>
    <message>
        <source>Cannot reach %1: no computer of that name was found.</source>
        <translation>Impossible de joindre %1 : aucun ordinateur de ce nom n&apos;a été trouvé.</translation>
    </message>
    <message>
        <source>Cannot reach %1: this device has no network connection.</source>
        <translation>Impossible de joindre %1 : cet appareil n&apos;a pas de connexion réseau.</translation>
    </message>
    <message>
        <source>Cannot reach %1: it did not answer in time.</source>
        <translation>Impossible de joindre %1 : il n&apos;a pas répondu à temps.</translation>
    </message>
    <message>
        <source>Cannot verify %1: its certificate is not trusted, so this device does not connect to it.</source>
        <translation>Impossible de vérifier %1 : son certificat n&apos;est pas fiable, cet appareil ne s&apos;y connecte donc pas.</translation>
    </message>
    <message>
        <source>The connection to %1 was closed by the relay.</source>
        <translation>La connexion à %1 a été fermée par le relais.</translation>
    </message>
    <message>
        <source>%1 does not accept this device&apos;s credentials. Join the workspace again with a new invite.</source>
        <translation>%1 n&apos;accepte pas les identifiants de cet appareil. Rejoignez l&apos;espace de travail avec une nouvelle invitation.</translation>
    </message>
    <message>
        <source>%1 refused this device: %2.</source>
        <translation>%1 a refusé cet appareil : %2.</translation>
    </message>
    <message>
        <source>This version of Courier Feedback is too old for the relay or for changes another device wrote: install a newer version.</source>
        <translation>Cette version de Courier Feedback est trop ancienne pour le relais ou pour des modifications d&apos;un autre appareil : installez une version plus récente.</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Connecté à %1</translation>
    </message>
    <message>
        <source>Disconnected from %1</source>
        <translation>Déconnecté de %1</translation>
    </message>
    <message>
        <source>The connection to %1 ended.</source>
        <translation>La connexion à %1 s&apos;est terminée.</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>Problème : %1</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n change(s)</source>
        <translation>
            <numerusform>%n modification envoyée</numerusform>
            <numerusform>%n modifications envoyées</numerusform>
        </translation>
    </message>
    <message>
        <source>The relay stored what this device sent</source>
        <translation>Le relais a enregistré ce que cet appareil a envoyé</translation>
    </message>
    <message numerus="yes">
        <source>Received %n change(s) from other devices</source>
        <translation>
            <numerusform>%n modification reçue d&apos;autres appareils</numerusform>
            <numerusform>%n modifications reçues d&apos;autres appareils</numerusform>
        </translation>
    </message>
    <message>
        <source>Two devices changed record %1 at the same time: both values are kept</source>
        <translation>Deux appareils ont modifié l&apos;enregistrement %1 en même temps : les deux valeurs sont conservées</translation>
    </message>
    <message>
        <source>Caught up with the relay</source>
        <translation>À jour avec le relais</translation>
    </message>
    <message numerus="yes">
        <source>This profile continues under a new device id (%n change(s) renumbered)</source>
        <translation>
            <numerusform>Ce profil continue sous un nouvel identifiant d&apos;appareil (%n modification renumérotée)</numerusform>
            <numerusform>Ce profil continue sous un nouvel identifiant d&apos;appareil (%n modifications renumérotées)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) could not be read and were set aside</source>
        <translation>
            <numerusform>%n modification illisible a été mise de côté</numerusform>
            <numerusform>%n modifications illisibles ont été mises de côté</numerusform>
        </translation>
    </message>
    <message>
        <source>Asked the relay again for a change that could not be read</source>
        <translation>Le relais a été redemandé pour une modification illisible</translation>
    </message>
    <message>
        <source>A change set aside earlier could be read now</source>
        <translation>Une modification mise de côté a pu être lue</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) need a newer version of Courier Feedback</source>
        <translation>
            <numerusform>%n modification nécessite une version plus récente de Courier Feedback</numerusform>
            <numerusform>%n modifications nécessitent une version plus récente de Courier Feedback</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync event: %1</source>
        <translation>Événement de synchronisation : %1</translation>
    </message>
    <message>
        <source>Up to date via nearby devices · %1</source>
        <translation>À jour via les appareils à proximité · %1</translation>
    </message>
    <message numerus="yes">
        <source>%n nearby device(s)</source>
        <translation>
            <numerusform>%n appareil à proximité</numerusform>
            <numerusform>%n appareils à proximité</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>feedback::app::AnalyticsPeriod</name>
    <message>
        <source>&amp;Period</source>
        <translation>&amp;Période</translation>
    </message>
    <message>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <source>Period of the charts</source>
        <translation>Période des graphiques</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Premier jour</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Dernier jour</translation>
    </message>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Dernier %n jour</numerusform>
            <numerusform>Derniers %n jours</numerusform>
        </translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Toute la période</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>Période personnalisée</translation>
    </message>
</context>
<context>
    <name>feedback::app::AnalyticsView</name>
    <message>
        <source>Best 10 couriers (average rating)</source>
        <translation>Les 10 meilleurs livreurs (note moyenne)</translation>
    </message>
    <message>
        <source>Worst 10 couriers (average rating)</source>
        <translation>Les 10 moins bons livreurs (note moyenne)</translation>
    </message>
    <message>
        <source>Rating distribution</source>
        <translation>Répartition des notes</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>Avis</translation>
    </message>
    <message>
        <source>%1 ★</source>
        <translation>%1 ★</translation>
    </message>
    <message>
        <source>Average rating</source>
        <translation>Note moyenne</translation>
    </message>
    <message numerus="yes">
        <source>Courier %1 (%n)</source>
        <translation>
            <numerusform>Livreur %1 (%n)</numerusform>
            <numerusform>Livreur %1 (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Reasons given</source>
        <translation>Motifs indiqués</translation>
    </message>
    <message>
        <source>Times given</source>
        <translation>Nombre de mentions</translation>
    </message>
    <message>
        <source>Feedback per day</source>
        <translation>Avis par jour</translation>
    </message>
    <message numerus="yes">
        <source>%n rating(s), average %1 of 5</source>
        <translation>
            <numerusform>%n avis, moyenne %1 sur 5</numerusform>
            <numerusform>%n avis, moyenne %1 sur 5</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) open</source>
        <translation>
            <numerusform>%n suivi ouvert</numerusform>
            <numerusform>%n suivis ouverts</numerusform>
        </translation>
    </message>
    <message>
        <source>Follow-ups by status</source>
        <translation>Suivis par avancement</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Avis</translation>
    </message>
    <message>
        <source>Click a bar to see its records</source>
        <translation>Cliquez sur une barre pour voir ses avis</translation>
    </message>
    <message>
        <source>Click a day to see its records</source>
        <translation>Cliquez sur un jour pour voir ses avis</translation>
    </message>
</context>
<context>
    <name>feedback::app::AppController</name>
    <message>
        <source>This profile is open in %1 (process %2). Only one program at a time can write to it: close that program, then try again.</source>
        <translation>Ce profil est ouvert dans %1 (processus %2). Un seul programme à la fois peut y écrire : fermez ce programme, puis réessayez.</translation>
    </message>
    <message>
        <source>This profile is open in another program. Only one program at a time can write to it: close that program, then try again.</source>
        <translation>Ce profil est ouvert dans un autre programme. Un seul programme à la fois peut y écrire : fermez ce programme, puis réessayez.</translation>
    </message>
    <message>
        <source>Profile in use</source>
        <translation>Profil en cours d’utilisation</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>This profile&apos;s key is protected by a passphrase:</source>
        <translation>La clé de ce profil est protégée par une phrase secrète&#xa0;:</translation>
    </message>
    <message>
        <source>%1
Try again:</source>
        <translation>%1
Veuillez réessayer&#xa0;:</translation>
    </message>
    <message>
        <source>Open Courier Feedback</source>
        <translation>Ouvrir Courier Feedback</translation>
    </message>
    <message>
        <source>No passphrase given.</source>
        <translation>Aucune phrase secrète saisie.</translation>
    </message>
    <message>
        <source>Set-up was cancelled.</source>
        <translation>La configuration a été annulée.</translation>
    </message>
    <message>
        <source>Some feedback could not be read</source>
        <translation>Certains avis n&apos;ont pas pu être lus</translation>
    </message>
</context>
<context>
    <name>feedback::app::AppSession</name>
    <message>
        <source>&quot;%1&quot; is not a ws:// or wss:// address.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une adresse ws:// ou wss://.</translation>
    </message>
    <message>
        <source>Sync is turned off (FEEDBACK_SYNC=off): feedback stays on this device.</source>
        <translation>La synchronisation est désactivée (FEEDBACK_SYNC=off)&#xa0;: les avis restent sur cet appareil.</translation>
    </message>
    <message>
        <source>Sync is turned off in the settings: feedback stays on this device.</source>
        <translation>La synchronisation est désactivée dans les paramètres&#xa0;: les avis restent sur cet appareil.</translation>
    </message>
    <message>
        <source>No relay address is set: feedback stays on this device.</source>
        <translation>Aucune adresse de relais définie&#xa0;: les avis restent sur cet appareil.</translation>
    </message>
    <message>
        <source>The relay address &quot;%1&quot; is not a ws:// or wss:// address.</source>
        <translation>L&apos;adresse du relais «&#xa0;%1&#xa0;» n&apos;est pas une adresse ws:// ou wss://.</translation>
    </message>
    <message>
        <source>This device</source>
        <translation>Cet appareil</translation>
    </message>
    <message>
        <source>Device %1</source>
        <translation>Appareil %1</translation>
    </message>
    <message>
        <source>this device</source>
        <translation>cet appareil</translation>
    </message>
    <message>
        <source>%1 (this device)</source>
        <translation>%1 (cet appareil)</translation>
    </message>
    <message>
        <source>device %1</source>
        <translation>appareil %1</translation>
    </message>
    <message>
        <source>Sync is off: an invite needs the relay to hold it.</source>
        <translation>La synchronisation est désactivée&#xa0;: une invitation doit être conservée par le relais.</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Borne</translation>
    </message>
    <message>
        <source>Sync is off: cancelling an invite needs the relay.</source>
        <translation>La synchronisation est désactivée&#xa0;: annuler une invitation nécessite le relais.</translation>
    </message>
    <message>
        <source>A name is printable text of at most 100 characters.</source>
        <translation>Un nom est un texte imprimable de 100 caractères au plus.</translation>
    </message>
</context>
<context>
    <name>feedback::app::CaptureForm</name>
    <message>
        <source>Reason: %1</source>
        <translation>Motif&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>Please shorten the comment by %n character(s).</source>
        <translation>
            <numerusform>Veuillez raccourcir le commentaire de %n caractère.</numerusform>
            <numerusform>Veuillez raccourcir le commentaire de %n caractères.</numerusform>
        </translation>
    </message>
    <message>
        <source>Scan or type the order number.</source>
        <translation>Scannez ou saisissez le numéro de commande.</translation>
    </message>
    <message>
        <source>An order number has only letters, digits and dashes, like ORD-123456.</source>
        <translation>Un numéro de commande ne contient que des lettres, des chiffres et des tirets, comme ORD-123456.</translation>
    </message>
    <message>
        <source>Type the courier number from the badge (digits only).</source>
        <translation>Saisissez le numéro du livreur indiqué sur son badge (chiffres uniquement).</translation>
    </message>
    <message>
        <source>Choose from 1 to 5 stars.</source>
        <translation>Choisissez de 1 à 5 étoiles.</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation>Enregistrement impossible&#xa0;: %1</translation>
    </message>
    <message>
        <source>Saved on this device. It will be sent when online.</source>
        <translation>Enregistré sur cet appareil. Il sera envoyé une fois en ligne.</translation>
    </message>
    <message>
        <source>Type a phone number (%1 to %2 digits) or an e-mail address like name@example.com, or leave it empty.</source>
        <translation>Saisissez un numéro de téléphone (%1 à %2 chiffres) ou une adresse e-mail comme nom@example.com, ou laissez le champ vide.</translation>
    </message>
</context>
<context>
    <name>feedback::app::ContactRequestBox</name>
    <message>
        <source>Erased</source>
        <translation>Effacé</translation>
    </message>
    <message>
        <source>Phone: %1</source>
        <translation>Téléphone&#xa0;: %1</translation>
    </message>
    <message>
        <source>E-mail: %1</source>
        <translation>E-mail&#xa0;: %1</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No (withdrawn)</source>
        <translation>Non (retirée)</translation>
    </message>
    <message>
        <source>None given</source>
        <translation>Aucun indiqué</translation>
    </message>
    <message>
        <source>Customer asks to be contacted</source>
        <translation>Demande de contact du client</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Demande</translation>
    </message>
    <message>
        <source>Phone or e-mail</source>
        <translation>Téléphone ou e-mail</translation>
    </message>
    <message>
        <source>Erase contact details…</source>
        <translation>Effacer les coordonnées…</translation>
    </message>
    <message>
        <source>Remove the phone number or e-mail address on every device</source>
        <translation>Supprimer le numéro de téléphone ou l&apos;adresse e-mail sur tous les appareils</translation>
    </message>
</context>
<context>
    <name>feedback::app::DateFilterEdit</name>
    <message>
        <source>any</source>
        <translation>indifférent</translation>
    </message>
</context>
<context>
    <name>feedback::app::DevicesDialog</name>
    <message>
        <source>Kiosk</source>
        <translation>Borne</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>Complet</translation>
    </message>
    <message>
        <source>Device %1</source>
        <translation>Appareil %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>this device</source>
        <translation>cet appareil</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>révoqué</translation>
    </message>
    <message>
        <source>revocation pending</source>
        <translation>révocation en attente</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Appareils</translation>
    </message>
    <message>
        <source>The devices of this workspace, as the relay last listed them.</source>
        <translation>Les appareils de cet espace de travail, tels que le relais les a listés en dernier.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Inscrit</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Vu pour la dernière fois</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>No device list yet: the relay sends it at the next sync.</source>
        <translation>Pas encore de liste des appareils&#xa0;: le relais l&apos;envoie à la prochaine synchronisation.</translation>
    </message>
    <message>
        <source>&amp;Revoke…</source>
        <translation>&amp;Révoquer…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Remove “%1” from the workspace? It will no longer sync: the relay refuses it from the next sync on. This cannot be undone.</source>
        <translation>Retirer «&#xa0;%1&#xa0;» de l&apos;espace de travail&#xa0;? Il ne se synchronisera plus&#xa0;: le relais le refuse dès la prochaine synchronisation. C&apos;est irréversible.</translation>
    </message>
    <message>
        <source>Revoke a device</source>
        <translation>Révoquer un appareil</translation>
    </message>
    <message>
        <source>Remove from the workspace</source>
        <translation>Retirer de l&apos;espace de travail</translation>
    </message>
    <message>
        <source>The revocation could not be saved: %1</source>
        <translation>La révocation n&apos;a pas pu être enregistrée&#xa0;: %1</translation>
    </message>
    <message>
        <source>Only a full device can revoke devices.</source>
        <translation>Seul un appareil complet peut révoquer des appareils.</translation>
    </message>
</context>
<context>
    <name>feedback::app::DispatcherView</name>
    <message>
        <source>any</source>
        <translation>indifférent</translation>
    </message>
    <message>
        <source>Showing %1 of %2</source>
        <translation>%1 sur %2 affichés</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Échec de l&apos;export</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n record(s) to %1</source>
        <translation>
            <numerusform>%n avis exporté vers %1</numerusform>
            <numerusform>%n avis exportés vers %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflit</numerusform>
            <numerusform>%n conflits</numerusform>
        </translation>
    </message>
    <message>
        <source>Records edited on two devices at once: show them</source>
        <translation>Avis modifiés sur deux appareils à la fois : les afficher</translation>
    </message>
    <message numerus="yes">
        <source>E&amp;xport %n shown record(s)…</source>
        <translation>
            <numerusform>E&amp;xporter %n avis affiché…</numerusform>
            <numerusform>E&amp;xporter %n avis affichés…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Export %n shown record(s)</source>
        <translation>
            <numerusform>Exporter %n avis affiché</numerusform>
            <numerusform>Exporter %n avis affichés</numerusform>
        </translation>
    </message>
    <message>
        <source>CSV for spreadsheets (*.csv)</source>
        <translation>CSV pour tableurs (*.csv)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Votre nom</translation>
    </message>
    <message>
        <source>Your name, as you write it when you assign a record to yourself:</source>
        <translation>Votre nom, tel que vous l’écrivez quand vous vous attribuez un avis :</translation>
    </message>
</context>
<context>
    <name>feedback::app::FieldView</name>
    <message>
        <source>Feedback entered on this device</source>
        <translation>Avis saisis sur cet appareil</translation>
    </message>
    <message>
        <source>Sent: dispatchers can see it now.</source>
        <translation>Envoyé&#xa0;: les répartiteurs peuvent le voir maintenant.</translation>
    </message>
    <message>
        <source>Saved on this device. It will be sent when online.</source>
        <translation>Enregistré sur cet appareil. Il sera envoyé une fois en ligne.</translation>
    </message>
</context>
<context>
    <name>feedback::app::FirstStartDialog</name>
    <message>
        <source>The relay address must start with wss:// (or ws:// on a trusted network).</source>
        <translation>L&apos;adresse du relais doit commencer par wss:// (ou ws:// sur un réseau de confiance).</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Les deux phrases secrètes sont différentes.</translation>
    </message>
    <message>
        <source>Use a passphrase of at least 8 characters.</source>
        <translation>Utilisez une phrase secrète d&apos;au moins 8 caractères.</translation>
    </message>
    <message>
        <source>Step 1 of 3: this device</source>
        <translation>Étape 1 sur 3&#xa0;: cet appareil</translation>
    </message>
    <message>
        <source>Step 2 of 3: workspace</source>
        <translation>Étape 2 sur 3&#xa0;: espace de travail</translation>
    </message>
    <message>
        <source>Step 3 of 3: security</source>
        <translation>Étape 3 sur 3&#xa0;: sécurité</translation>
    </message>
    <message>
        <source>The feedback here is stored encrypted. Staff leave the kiosk with its PIN; a passphrase is only needed where the system has no keychain.</source>
        <translation>Les avis sont stockés chiffrés ici. Le personnel quitte la borne avec son code PIN&#xa0;; une phrase secrète n&apos;est nécessaire que si le système n&apos;a pas de trousseau.</translation>
    </message>
    <message>
        <source>The feedback here is stored encrypted. A passphrase is only needed where the system has no keychain; leave it empty otherwise.</source>
        <translation>Les avis sont stockés chiffrés ici. Une phrase secrète n&apos;est nécessaire que si le système n&apos;a pas de trousseau&#xa0;; sinon, laissez-la vide.</translation>
    </message>
    <message>
        <source>Enter the relay address, or untick &quot;Sync with the relay&quot; to keep the feedback on this device.</source>
        <translation>Saisissez l&apos;adresse du relais ou décochez «&#xa0;Synchroniser avec le relais&#xa0;» pour garder les avis sur cet appareil.</translation>
    </message>
    <message>
        <source>An admission token is cfa1- and 32 letters, digits, - or _, as the relay&apos;s operator got it. Leave it empty if you have none.</source>
        <translation>Un jeton d&apos;admission se compose de cfa1- et de 32 lettres, chiffres, - ou _, tel que l&apos;opérateur du relais l&apos;a obtenu. Laissez vide si vous n&apos;en avez pas.</translation>
    </message>
</context>
<context>
    <name>feedback::app::InvitePanel</name>
    <message>
        <source>Invite valid for:</source>
        <translation>Invitation valable pendant&#xa0;:</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15 minutes</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 heure</translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation>24 heures</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 jours</translation>
    </message>
    <message>
        <source>&amp;Invite a full device</source>
        <translation>&amp;Inviter un appareil complet</translation>
    </message>
    <message>
        <source>Invite a &amp;kiosk</source>
        <translation>Inviter une &amp;borne</translation>
    </message>
    <message>
        <source>Invite code</source>
        <translation>Code d&apos;invitation</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>Only a full device can invite devices.</source>
        <translation>Seul un appareil complet peut inviter des appareils.</translation>
    </message>
    <message>
        <source>Waiting for the relay to take the invite…</source>
        <translation>En attente de la prise en charge de l&apos;invitation par le relais…</translation>
    </message>
    <message>
        <source>Invite code for one kiosk, valid until %1:</source>
        <translation>Code d&apos;invitation pour une borne, valable jusqu&apos;au %1&#xa0;:</translation>
    </message>
    <message>
        <source>Invite code for one full device, valid until %1. Whoever joins with it can read and write this workspace&apos;s feedback:</source>
        <translation>Code d&apos;invitation pour un appareil complet, valable jusqu&apos;au %1. Quiconque rejoint l&apos;espace de travail avec ce code peut lire et écrire ses avis&#xa0;:</translation>
    </message>
    <message>
        <source>The relay did not take the invite: %1</source>
        <translation>Le relais n&apos;a pas pris en charge l&apos;invitation&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>feedback::app::KioskView</name>
    <message>
        <source>Staff</source>
        <translation>Personnel</translation>
    </message>
    <message>
        <source>Leave kiosk mode (staff, needs the PIN)</source>
        <translation>Quitter le mode borne (personnel, code PIN requis)</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>Merci&#xa0;!</translation>
    </message>
    <message>
        <source>Your feedback was saved. It helps us deliver better.</source>
        <translation>Votre avis a été enregistré. Il nous aide à mieux livrer.</translation>
    </message>
    <message>
        <source>Give more feedback</source>
        <translation>Donner un autre avis</translation>
    </message>
    <message>
        <source>Leave kiosk mode</source>
        <translation>Quitter le mode borne</translation>
    </message>
    <message>
        <source>Staff PIN:</source>
        <translation>Code PIN du personnel&#xa0;:</translation>
    </message>
    <message>
        <source>That PIN is not right.</source>
        <translation>Ce code PIN est incorrect.</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. Try again in %n second(s).</source>
        <translation>
            <numerusform>Trop de codes PIN erronés. Réessayez dans %n seconde.</numerusform>
            <numerusform>Trop de codes PIN erronés. Réessayez dans %n secondes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Staff mode. The kiosk locks itself again after %n minute(s) without use.</source>
        <translation>
            <numerusform>Mode personnel. La borne se verrouille à nouveau après %n minute sans utilisation.</numerusform>
            <numerusform>Mode personnel. La borne se verrouille à nouveau après %n minutes sans utilisation.</numerusform>
        </translation>
    </message>
    <message>
        <source>On-screen &amp;keypad:</source>
        <translation>&amp;Pavé numérique à l&apos;écran&#xa0;:</translation>
    </message>
    <message>
        <source>On-screen keypad</source>
        <translation>Pavé numérique à l&apos;écran</translation>
    </message>
    <message>
        <source>Automatic (touch screen, no keyboard)</source>
        <translation>Automatique (écran tactile sans clavier)</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>Toujours</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Jamais</translation>
    </message>
</context>
<context>
    <name>feedback::app::MainWindow</name>
    <message>
        <source>About Courier Feedback</source>
        <translation>À propos de Courier Feedback</translation>
    </message>
    <message>
        <source>Courier Feedback %1
Offline-first delivery feedback, end-to-end encrypted.
Licensed under the GNU GPL, version 3.</source>
        <translation>Courier Feedback %1
Avis de livraison, hors ligne d&apos;abord, chiffrés de bout en bout.
Sous licence GNU GPL, version 3.</translation>
    </message>
    <message>
        <source>Courier Feedback</source>
        <translation>Courier Feedback</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Affic&amp;hage</translation>
    </message>
    <message>
        <source>&amp;Dispatcher desk</source>
        <translation>Poste de &amp;répartition</translation>
    </message>
    <message>
        <source>&amp;Field laptop</source>
        <translation>Portable &amp;terrain</translation>
    </message>
    <message>
        <source>&amp;Kiosk (full screen)</source>
        <translation>&amp;Borne (plein écran)</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>S&amp;ynchronisation</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>Synchroniser &amp;maintenant</translation>
    </message>
    <message>
        <source>Sync &amp;details…</source>
        <translation>&amp;Détails de la synchronisation…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>À &amp;propos</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Some settings could not be saved:
%1</source>
        <translation>Certains paramètres n&apos;ont pas pu être enregistrés&#xa0;:
%1</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Paramètres enregistrés.</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Borne</translation>
    </message>
    <message>
        <source>Set a kiosk PIN in the settings first: staff need it to leave the kiosk.</source>
        <translation>Définissez d’abord un code PIN de borne dans les paramètres : le personnel en a besoin pour quitter la borne.</translation>
    </message>
    <message>
        <source>&amp;Lock kiosk</source>
        <translation>&amp;Verrouiller la borne</translation>
    </message>
    <message>
        <source>Back to the kiosk for customers (Ctrl+L)</source>
        <translation>Revenir à la borne pour les clients (Ctrl+L)</translation>
    </message>
    <message>
        <source>Export &amp;report…</source>
        <translation>Exporter le &amp;rapport…</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Exporter le rapport</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>Rapport enregistré dans %1</translation>
    </message>
</context>
<context>
    <name>feedback::app::NewRecordsButton</name>
    <message numerus="yes">
        <source>↑ %n new</source>
        <translation>
            <numerusform>↑ %n nouvel avis</numerusform>
            <numerusform>↑ %n nouveaux avis</numerusform>
        </translation>
    </message>
    <message>
        <source>Show the newest records</source>
        <translation>Afficher les avis les plus récents</translation>
    </message>
    <message numerus="yes">
        <source>%n new record(s) above: show them</source>
        <translation>
            <numerusform>%n nouvel avis plus haut&#xa0;: l&apos;afficher</numerusform>
            <numerusform>%n nouveaux avis plus haut&#xa0;: les afficher</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>feedback::app::NumericKeypad</name>
    <message>
        <source>Delete the last character</source>
        <translation>Effacer le dernier caractère</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Suivant</translation>
    </message>
    <message>
        <source>Next field</source>
        <translation>Champ suivant</translation>
    </message>
    <message>
        <source>Type %1</source>
        <translation>Saisir %1</translation>
    </message>
</context>
<context>
    <name>feedback::app::PendingInvitesPanel</name>
    <message>
        <source>Full device</source>
        <translation>Appareil complet</translation>
    </message>
    <message>
        <source>Kiosk “%1”</source>
        <translation>Borne «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Borne</translation>
    </message>
    <message>
        <source>Pending invites</source>
        <translation>Invitations en attente</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Valable jusqu’au</translation>
    </message>
    <message>
        <source>Uses left</source>
        <translation>Utilisations restantes</translation>
    </message>
    <message>
        <source>No pending invites: an invite made here shows once the relay holds it.</source>
        <translation>Aucune invitation en attente&#xa0;: une invitation créée ici apparaît dès que le relais la conserve.</translation>
    </message>
    <message>
        <source>C&amp;ancel invite…</source>
        <translation>&amp;Annuler l&apos;invitation…</translation>
    </message>
    <message>
        <source>The relay did not cancel the invite: %1</source>
        <translation>Le relais n&apos;a pas annulé l&apos;invitation&#xa0;: %1</translation>
    </message>
    <message>
        <source>cancelling…</source>
        <translation>annulation…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>Cancel the invite for “%1”, valid until %2? Its code will no longer let anyone join; devices that joined with it stay.</source>
        <translation>Annuler l&apos;invitation pour «&#xa0;%1&#xa0;», valable jusqu’au %2&#xa0;? Son code ne permettra plus à personne de rejoindre&#xa0;; les appareils qui l&apos;ont utilisé restent.</translation>
    </message>
    <message>
        <source>Cancel an invite</source>
        <translation>Annuler une invitation</translation>
    </message>
    <message>
        <source>Cancel the invite</source>
        <translation>Annuler l&apos;invitation</translation>
    </message>
</context>
<context>
    <name>feedback::app::PresenceLine</name>
    <message>
        <source>Another dispatcher</source>
        <translation>Un autre répartiteur</translation>
    </message>
    <message>
        <source>%1 is writing on this record</source>
        <translation>%1 écrit une note sur cet avis</translation>
    </message>
    <message>
        <source>%1 is on this record</source>
        <translation>%1 consulte cet avis</translation>
    </message>
    <message>
        <source>%1 and %2 are on this record</source>
        <translation>%1 et %2 consultent cet avis</translation>
    </message>
    <message numerus="yes">
        <source>%1, %2 and %n other(s) are on this record</source>
        <translation>
            <numerusform>%1, %2 et %n autre personne consultent cet avis</numerusform>
            <numerusform>%1, %2 et %n autres personnes consultent cet avis</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>feedback::app::RecordAlerts</name>
    <message numerus="yes">
        <source>%n rating(s) need attention</source>
        <translation>
            <numerusform>%n note demande votre attention</numerusform>
            <numerusform>%n notes demandent votre attention</numerusform>
        </translation>
    </message>
    <message>
        <source>Low ratings or requests to be contacted arrived from other devices.</source>
        <translation>Des notes basses ou des demandes de contact sont arrivées d’autres appareils.</translation>
    </message>
    <message>
        <source>(erased)</source>
        <translation>(effacé)</translation>
    </message>
    <message>
        <source>A customer asks to be contacted</source>
        <translation>Un client demande à être contacté</translation>
    </message>
    <message numerus="yes">
        <source>New %n-star rating</source>
        <translation>
            <numerusform>Nouvelle note de %n étoile</numerusform>
            <numerusform>Nouvelle note de %n étoiles</numerusform>
        </translation>
    </message>
    <message>
        <source>Courier %1, order %2</source>
        <translation>Livreur %1, commande %2</translation>
    </message>
    <message>
        <source>The customer asks to be contacted.</source>
        <translation>Le client demande à être contacté.</translation>
    </message>
</context>
<context>
    <name>feedback::app::RecordDetailPane</name>
    <message>
        <source>Dispatcher</source>
        <translation>Répartition</translation>
    </message>
    <message>
        <source>Retract feedback</source>
        <translation>Retirer l&apos;avis</translation>
    </message>
    <message>
        <source>Retracted feedback stays in the log but leaves analytics on every device. Retract it?</source>
        <translation>Un avis retiré reste dans le journal mais sort des analyses sur tous les appareils. Le retirer&#xa0;?</translation>
    </message>
    <message>
        <source>Retract</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Order %1 · courier %2</source>
        <translation>Commande %1 · livreur %2</translation>
    </message>
    <message>
        <source> (%1 of 5)</source>
        <translation> (%1 sur 5)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>no comment</source>
        <translation>aucun commentaire</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisé</translation>
    </message>
    <message>
        <source>Saved on this device</source>
        <translation>Enregistré sur cet appareil</translation>
    </message>
    <message>
        <source>entered on this device</source>
        <translation>saisi sur cet appareil</translation>
    </message>
    <message>
        <source>retracted</source>
        <translation>retiré</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2&#xa0;: %3</translation>
    </message>
    <message numerus="yes">
        <source>%n star(s)</source>
        <translation>
            <numerusform>%n étoile</numerusform>
            <numerusform>%n étoiles</numerusform>
        </translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vide)</translation>
    </message>
    <message>
        <source>Keep %1</source>
        <translation>Garder %1</translation>
    </message>
    <message>
        <source>Keep %1 for %2</source>
        <translation>Garder %1 pour %2</translation>
    </message>
    <message>
        <source>Erase contact details</source>
        <translation>Effacer les coordonnées</translation>
    </message>
    <message>
        <source>The customer&apos;s phone number or e-mail address is removed from this record on every device; their request to be contacted stays. Erase it?</source>
        <translation>Le numéro de téléphone ou l&apos;adresse e-mail du client est supprimé de cet avis sur tous les appareils&#xa0;; sa demande de contact est conservée. L&apos;effacer&#xa0;?</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>set on %1, %2</source>
        <translation>défini sur %1, %2</translation>
    </message>
    <message>
        <source>Erase personal data</source>
        <translation>Effacer les données personnelles</translation>
    </message>
    <message>
        <source>The customer&apos;s comment, the order number and the contact details are removed from this record for good, on every device, and can never be written again. The rating, the reasons and your notes stay. Exports and backups made before keep what they hold. Erase?</source>
        <translation>Le commentaire du client, le numéro de commande et les coordonnées sont supprimés définitivement de cette fiche sur tous les appareils et ne pourront plus jamais être saisis. La note, les motifs et vos notes restent. Les exports et sauvegardes antérieurs gardent leur contenu. Effacer ?</translation>
    </message>
    <message>
        <source>(erased)</source>
        <translation>(effacé)</translation>
    </message>
    <message>
        <source>Erased</source>
        <translation>Effacé</translation>
    </message>
    <message>
        <source>Open order %1 in the order system</source>
        <translation>Ouvrir la commande %1 dans le système de commandes</translation>
    </message>
    <message>
        <source>No browser could open %1.</source>
        <translation>Aucun navigateur n’a pu ouvrir %1.</translation>
    </message>
</context>
<context>
    <name>feedback::app::RecordHistoryBox</name>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
    <message>
        <source>Order number erased</source>
        <translation>Numéro de commande effacé</translation>
    </message>
    <message>
        <source>%1 erased</source>
        <translation>%1 : effacé</translation>
    </message>
    <message>
        <source>Note added</source>
        <translation>Note ajoutée</translation>
    </message>
    <message>
        <source>Retracted</source>
        <translation>Retiré</translation>
    </message>
    <message>
        <source>%1 changed</source>
        <translation>%1 : modifié</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motifs</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1 : %2 → %3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
</context>
<context>
    <name>feedback::app::RecordTableModel</name>
    <message numerus="yes">
        <source>%n of 5 stars</source>
        <translation>
            <numerusform>%n étoile sur 5</numerusform>
            <numerusform>%n étoiles sur 5</numerusform>
        </translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Synchronisé</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Enregistré</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Commande</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>Livreur</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motifs</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Suivi</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commentaire</translation>
    </message>
    <message>
        <source>Synced with the other devices</source>
        <translation>Synchronisé avec les autres appareils</translation>
    </message>
    <message>
        <source>Saved on this device, not yet synced</source>
        <translation>Enregistré sur cet appareil, pas encore synchronisé</translation>
    </message>
    <message>
        <source>Conflict: edited on two devices at once. Open it to keep one value.</source>
        <translation>Conflit : modifié sur deux appareils à la fois. Ouvrez-le pour garder une valeur.</translation>
    </message>
    <message>
        <source>Retracted: left out of analytics and exports.</source>
        <translation>Retiré : exclu des analyses et des exports.</translation>
    </message>
    <message>
        <source>(erased)</source>
        <translation>(effacé)</translation>
    </message>
</context>
<context>
    <name>feedback::app::ReportDialog</name>
    <message>
        <source>Export report</source>
        <translation>Exporter le rapport</translation>
    </message>
    <message>
        <source>A PDF with the figures and charts of the period, the ten worst couriers with the comments customers allowed to publish, and the follow-ups still open.</source>
        <translation>Un PDF avec les chiffres et les graphiques de la période, les dix livreurs les moins bien notés avec les commentaires que les clients ont permis de publier, et les suivis encore ouverts.</translation>
    </message>
    <message>
        <source>First day of the report</source>
        <translation>Premier jour du rapport</translation>
    </message>
    <message>
        <source>Last day of the report</source>
        <translation>Dernier jour du rapport</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Du</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Au</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <source>The period ends before it starts: choose a first day on or before the last.</source>
        <translation>La période se termine avant de commencer : choisissez un premier jour égal ou antérieur au dernier.</translation>
    </message>
</context>
<context>
    <name>feedback::app::SettingsDialog</name>
    <message>
        <source>As the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <source>None set: anyone can leave the kiosk</source>
        <translation>Aucun code défini&#xa0;: tout le monde peut quitter la borne</translation>
    </message>
    <message>
        <source>The relay address must start with wss:// (or ws:// on a trusted network).</source>
        <translation>L&apos;adresse du relais doit commencer par wss:// (ou ws:// sur un réseau de confiance).</translation>
    </message>
    <message>
        <source>A kiosk PIN has 4 to 12 digits.</source>
        <translation>Un code PIN de borne comporte 4 à 12 chiffres.</translation>
    </message>
    <message>
        <source>Reset this device? Its profile, keys and local copy of the feedback are deleted. Everything it entered has reached the relay.</source>
        <translation>Réinitialiser cet appareil&#xa0;? Son profil, ses clés et sa copie locale des avis seront supprimés. Tout ce qui y a été saisi est arrivé au relais.</translation>
    </message>
    <message numerus="yes">
        <source>Reset this device? %n record(s) entered here have NOT reached the relay yet and would be lost.</source>
        <translation>
            <numerusform>Réinitialiser cet appareil&#xa0;? %n avis saisi ici n&apos;est PAS ENCORE arrivé au relais et serait perdu.</numerusform>
            <numerusform>Réinitialiser cet appareil&#xa0;? %n avis saisis ici ne sont PAS ENCORE arrivés au relais et seraient perdus.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reset this device</source>
        <translation>Réinitialiser cet appareil</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Réinitialiser</translation>
    </message>
    <message>
        <source>Delete unsynced feedback?</source>
        <translation>Supprimer les avis non synchronisés&#xa0;?</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n record(s) that exist only on this device? This cannot be undone.</source>
        <translation>
            <numerusform>Supprimer %n avis qui n&apos;existe que sur cet appareil&#xa0;? Cette action est irréversible.</numerusform>
            <numerusform>Supprimer %n avis qui n&apos;existent que sur cet appareil&#xa0;? Cette action est irréversible.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete them and reset</source>
        <translation>Les supprimer et réinitialiser</translation>
    </message>
    <message>
        <source>Kiosks and field laptops: synced feedback older than this leaves this device (the relay and the other devices keep it). A dispatcher desk keeps everything.</source>
        <translation>Bornes et portables de terrain : les avis synchronisés plus anciens sont retirés de cet appareil (le relais et les autres appareils les conservent). Un poste de répartition conserve tout.</translation>
    </message>
    <message>
        <source>Enter the relay address, or untick &quot;Sync with the relay&quot; to keep the feedback on this device.</source>
        <translation>Saisissez l&apos;adresse du relais ou décochez «&#xa0;Synchroniser avec le relais&#xa0;» pour garder les avis sur cet appareil.</translation>
    </message>
    <message>
        <source>Found by themselves; else address:port (this device: port %1)</source>
        <translation>Trouvés d’eux-mêmes ; sinon adresse:port (cet appareil : port %1)</translation>
    </message>
    <message>
        <source>Found by themselves; else address:port</source>
        <translation>Trouvés d’eux-mêmes ; sinon adresse:port</translation>
    </message>
    <message>
        <source>Name a nearby device as address:port, for example 192.168.1.20:47300 (&quot;%1&quot; is not).</source>
        <translation>Indiquez un appareil à proximité comme adresse:port, par exemple 192.168.1.20:47300 (« %1 » n’en est pas une).</translation>
    </message>
</context>
<context>
    <name>feedback::app::StarRating</name>
    <message>
        <source>Rating</source>
        <translation>Note</translation>
    </message>
    <message numerus="yes">
        <source>%n of 5 stars</source>
        <translation>
            <numerusform>%n étoile sur 5</numerusform>
            <numerusform>%n étoiles sur 5</numerusform>
        </translation>
    </message>
    <message>
        <source>No rating yet</source>
        <translation>Pas encore de note</translation>
    </message>
</context>
<context>
    <name>feedback::app::StatusDot</name>
    <message>
        <source>Status light for staff</source>
        <translation>Voyant d&apos;état pour le personnel</translation>
    </message>
</context>
<context>
    <name>feedback::app::SyncPanel</name>
    <message>
        <source>none set</source>
        <translation>non définie</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>&amp;Retry now</source>
        <translation>&amp;Réessayer maintenant</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Synchroniser maintenant</translation>
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
        <translation>Synchronisation&#xa0;: %1</translation>
    </message>
    <message>
        <source>Click for sync details</source>
        <translation>Cliquez pour voir les détails de la synchronisation</translation>
    </message>
</context>
</TS>
