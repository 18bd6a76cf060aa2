<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AppOptions</name>
    <message>
        <source>Courier Feedback: collect and follow up delivery feedback, offline first.</source>
        <translation>Courier Feedback: recoger y dar seguimiento a opiniones sobre entregas, primero sin conexión.</translation>
    </message>
    <message>
        <source>Profile directory (default: FEEDBACK_PROFILE, else the user&apos;s application data).</source>
        <translation>Directorio del perfil (por defecto: FEEDBACK_PROFILE; si no, los datos de aplicación del usuario).</translation>
    </message>
    <message>
        <source>kiosk, dispatcher or field (for this run; the settings keep the usual one).</source>
        <translation>kiosk, dispatcher o field (solo para esta ejecución; la configuración conserva el modo habitual).</translation>
    </message>
    <message>
        <source>Relay URL (ws:// or wss://); saved in the profile.</source>
        <translation>URL del relay (ws:// o wss://); se guarda en el perfil.</translation>
    </message>
    <message>
        <source>Read the profile passphrase from FILE (where there is no keychain).</source>
        <translation>Leer la frase de contraseña del perfil desde FILE (donde no hay llavero).</translation>
    </message>
</context>
<context>
    <name>CaptureForm</name>
    <message>
        <source>How was your delivery?</source>
        <translation>¿Qué tal fue la entrega?</translation>
    </message>
    <message>
        <source>&amp;Order number</source>
        <translation>Número de &amp;pedido</translation>
    </message>
    <message>
        <source>Order number</source>
        <translation>Número de pedido</translation>
    </message>
    <message>
        <source>Scan the receipt or type, e.g. ORD-123456</source>
        <translation>Escanear el recibo o escribirlo, p. ej. ORD-123456</translation>
    </message>
    <message>
        <source>&amp;Courier number</source>
        <translation>Número de &amp;repartidor</translation>
    </message>
    <message>
        <source>Courier number</source>
        <translation>Número de repartidor</translation>
    </message>
    <message>
        <source>On the courier&apos;s badge, e.g. 42</source>
        <translation>En la tarjeta del repartidor, p. ej. 42</translation>
    </message>
    <message>
        <source>&amp;Rating</source>
        <translation>&amp;Valoración</translation>
    </message>
    <message>
        <source>What stood out?</source>
        <translation>¿Qué destacó?</translation>
    </message>
    <message>
        <source>Co&amp;mment</source>
        <translation>Co&amp;mentario</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <source>Optional: tell us more</source>
        <translation>Opcional: más detalles</translation>
    </message>
    <message>
        <source>You may &amp;publish my rating and comment</source>
        <translation>Acepto que se p&amp;ubliquen mi valoración y mi comentario</translation>
    </message>
    <message>
        <source>Publish consent</source>
        <translation>Consentimiento de publicación</translation>
    </message>
    <message>
        <source>Please &amp;contact me about this delivery</source>
        <translation>Quiero que me &amp;contacten por esta entrega</translation>
    </message>
    <message>
        <source>&amp;Send feedback</source>
        <translation>&amp;Enviar opinión</translation>
    </message>
    <message>
        <source>Send feedback</source>
        <translation>Enviar opinión</translation>
    </message>
    <message>
        <source>Contact me</source>
        <translation>Contactarme</translation>
    </message>
    <message>
        <source>How can we reach you? Phone or &amp;e-mail (optional)</source>
        <translation>¿Cómo le contactamos? &amp;Teléfono o correo electrónico (opcional)</translation>
    </message>
    <message>
        <source>Phone or e-mail</source>
        <translation>Teléfono o correo electrónico</translation>
    </message>
    <message>
        <source>030 1234567 or name@example.com</source>
        <translation>030 1234567 o nombre@example.com</translation>
    </message>
</context>
<context>
    <name>DispatcherView</name>
    <message>
        <source>Records and analytics</source>
        <translation>Registros y análisis</translation>
    </message>
    <message>
        <source>&amp;Records</source>
        <translation>Re&amp;gistros</translation>
    </message>
    <message>
        <source>Find text</source>
        <translation>Texto de búsqueda</translation>
    </message>
    <message>
        <source>Order, comment, assignee or courier</source>
        <translation>Pedido, comentario, responsable o repartidor</translation>
    </message>
    <message>
        <source>Ra&amp;ting</source>
        <translation>Valora&amp;ción</translation>
    </message>
    <message>
        <source>Lowest rating</source>
        <translation>Valoración mínima</translation>
    </message>
    <message>
        <source>to</source>
        <translation>a</translation>
    </message>
    <message>
        <source>Highest rating</source>
        <translation>Valoración máxima</translation>
    </message>
    <message>
        <source>Courier number</source>
        <translation>Número de repartidor</translation>
    </message>
    <message>
        <source>any</source>
        <translation>cualquiera</translation>
    </message>
    <message>
        <source>&amp;Status</source>
        <translation>Si&amp;tuación</translation>
    </message>
    <message>
        <source>Follow-up status</source>
        <translation>Situación del seguimiento</translation>
    </message>
    <message>
        <source>Fro&amp;m</source>
        <translation>&amp;Desde</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>Fecha inicial</translation>
    </message>
    <message>
        <source>T&amp;o</source>
        <translation>&amp;Hasta</translation>
    </message>
    <message>
        <source>To date</source>
        <translation>Fecha final</translation>
    </message>
    <message>
        <source>C&amp;lear filters</source>
        <translation>Limpiar &amp;filtros</translation>
    </message>
    <message>
        <source>Feedback records</source>
        <translation>Registros de opiniones</translation>
    </message>
    <message>
        <source>&amp;Analytics</source>
        <translation>Aná&amp;lisis</translation>
    </message>
    <message>
        <source>F&amp;ind</source>
        <translation>&amp;Buscar</translation>
    </message>
    <message>
        <source>R&amp;eason</source>
        <translation>&amp;Motivo</translation>
    </message>
    <message>
        <source>Reason given</source>
        <translation>Motivo indicado</translation>
    </message>
    <message>
        <source>&amp;Courier</source>
        <translation>Re&amp;partidor</translation>
    </message>
    <message>
        <source>Needs follo&amp;w-up</source>
        <translation>Requiere &amp;seguimiento</translation>
    </message>
    <message>
        <source>Co&amp;nflicts only</source>
        <translation>Solo c&amp;onflictos</translation>
    </message>
    <message>
        <source>Only records edited on two devices at once</source>
        <translation>Solo registros editados en dos dispositivos a la vez</translation>
    </message>
    <message>
        <source>Save the records the filters show as CSV (for spreadsheets) or JSON</source>
        <translation>Guardar los registros que muestran los filtros como CSV (para hojas de cálculo) o JSON</translation>
    </message>
    <message>
        <source>My follow-u&amp;ps</source>
        <translation>Mis s&amp;eguimientos</translation>
    </message>
    <message>
        <source>Only records assigned to you (the name you give on this desk)</source>
        <translation>Solo los registros asignados a usted (con el nombre que indica en este puesto)</translation>
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
        <translation>Valoración</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <source>Publish consent</source>
        <translation>Consentimiento de publicación</translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation>Requiere seguimiento</translation>
    </message>
    <message>
        <source>Follow-up status</source>
        <translation>Situación del seguimiento</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Contact requested</source>
        <translation>Contacto solicitado</translation>
    </message>
    <message>
        <source>Phone or e-mail</source>
        <translation>Teléfono o correo electrónico</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>Allow an unencrypted connection (insecure)</source>
        <translation>Permitir una conexión sin cifrar (inseguro)</translation>
    </message>
    <message>
        <source>Only for a relay on a network you trust: with ws:// anyone on the way can read and change what is sent.</source>
        <translation>Solo para un relé en una red de confianza: con ws:// cualquiera en el camino puede leer y cambiar lo que se envía.</translation>
    </message>
    <message>
        <source>Set up Courier Feedback</source>
        <translation>Configurar Courier Feedback</translation>
    </message>
    <message>
        <source>Welcome. Set up this device once; you can change everything later in the settings.</source>
        <translation>¡Hola! Este dispositivo se configura una sola vez; todo se puede cambiar después en la configuración.</translation>
    </message>
    <message>
        <source>&amp;Use this device as</source>
        <translation>&amp;Usar este dispositivo como</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>Device name</source>
        <translation>Nombre del dispositivo</translation>
    </message>
    <message>
        <source>&amp;Create a new workspace (the first device of a company)</source>
        <translation>&amp;Crear un espacio de trabajo nuevo (el primer dispositivo de una empresa)</translation>
    </message>
    <message>
        <source>&amp;Join a workspace with an invite code</source>
        <translation>Unirse a un espacio de trabajo con un código de &amp;invitación</translation>
    </message>
    <message>
        <source>In&amp;vite code</source>
        <translation>Código de in&amp;vitación</translation>
    </message>
    <message>
        <source>Invite code</source>
        <translation>Código de invitación</translation>
    </message>
    <message>
        <source>cf1-…</source>
        <translation>cf1-…</translation>
    </message>
    <message>
        <source>&amp;Relay address</source>
        <translation>Dirección del &amp;relay</translation>
    </message>
    <message>
        <source>Relay address</source>
        <translation>Dirección del relay</translation>
    </message>
    <message>
        <source>wss://relay.example.com (from the invite code when joining)</source>
        <translation>wss://relay.example.com (del código de invitación al unirse)</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>&amp;Frase de contraseña</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Only needed where the system keychain is missing</source>
        <translation>Solo hace falta si no hay llavero del sistema</translation>
    </message>
    <message>
        <source>Repeat passphrase</source>
        <translation>Repetir frase de contraseña</translation>
    </message>
    <message>
        <source>Kiosk P&amp;IN</source>
        <translation>PIN del &amp;quiosco</translation>
    </message>
    <message>
        <source>Kiosk PIN</source>
        <translation>PIN del quiosco</translation>
    </message>
    <message>
        <source>At least 4 digits; staff need it to leave the kiosk</source>
        <translation>Al menos 4 dígitos; el personal lo necesita para salir del quiosco</translation>
    </message>
    <message>
        <source>How this device is used decides what it shows; its name tells dispatchers where feedback was entered.</source>
        <translation>El uso de este dispositivo decide lo que muestra; su nombre indica a los despachadores dónde se introdujeron las opiniones.</translation>
    </message>
    <message>
        <source>Device na&amp;me</source>
        <translation>&amp;Nombre del dispositivo</translation>
    </message>
    <message>
        <source>A workspace is one company&apos;s feedback: create it on the first device and join it with an invite code on the others; the relay passes it on, encrypted.</source>
        <translation>Un espacio de trabajo reúne las opiniones de una empresa: créelo en el primer dispositivo y únase a él con un código de invitación en los demás; el relay las transmite cifradas.</translation>
    </message>
    <message>
        <source>S&amp;ync with the relay (off: feedback stays on this device)</source>
        <translation>Sincroni&amp;zar con el relay (desactivado: las opiniones se quedan en este dispositivo)</translation>
    </message>
    <message>
        <source>&amp;Repeat passphrase</source>
        <translation>&amp;Repetir la frase de contraseña</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Sa&amp;lir</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Atrás</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Siguiente &gt;</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Empezar</translation>
    </message>
    <message>
        <source>Ad&amp;mission token</source>
        <translation>Token de ad&amp;misión</translation>
    </message>
    <message>
        <source>Admission token</source>
        <translation>Token de admisión</translation>
    </message>
    <message>
        <source>cfa1-… (only if the relay&apos;s operator gave you one)</source>
        <translation>cfa1-… (solo si el operador del relay le dio uno)</translation>
    </message>
    <message>
        <source>A relay that serves only the workspaces its operator admitted takes a new workspace with the token the operator made for it (feedback-relay admit --token).</source>
        <translation>Un relay que solo atiende los espacios de trabajo que su operador admitió acepta un espacio nuevo con el token que el operador creó para él (feedback-relay admit --token).</translation>
    </message>
</context>
<context>
    <name>FollowUp</name>
    <message>
        <source>Open</source>
        <translation>Abierto</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resuelto</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
</context>
<context>
    <name>Modes</name>
    <message>
        <source>Dispatcher desk</source>
        <translation>Puesto de despacho</translation>
    </message>
    <message>
        <source>Feedback kiosk (full screen)</source>
        <translation>Quiosco de opiniones (pantalla completa)</translation>
    </message>
    <message>
        <source>Field laptop</source>
        <translation>Portátil de campo</translation>
    </message>
    <message>
        <source>A kiosk needs a PIN of 4 to 12 digits, so that customers cannot leave it.</source>
        <translation>Un quiosco necesita un PIN de 4 a 12 dígitos para que los clientes no puedan salir de él.</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Quiosco</translation>
    </message>
    <message>
        <source>%1 kiosk</source>
        <translation>Quiosco %1</translation>
    </message>
    <message>
        <source>%1 laptop</source>
        <translation>Portátil %1</translation>
    </message>
    <message>
        <source>%1 desk</source>
        <translation>Despacho %1</translation>
    </message>
</context>
<context>
    <name>OrderLink</name>
    <message>
        <source>The order link must contain {orderId} where the order number goes, for example https://orders.example/{orderId}.</source>
        <translation>El enlace de pedidos debe contener {orderId} donde va el número de pedido, por ejemplo https://orders.example/{orderId}.</translation>
    </message>
    <message>
        <source>The order link must be a web address starting with https:// (or http://).</source>
        <translation>El enlace de pedidos debe ser una dirección web que empiece por https:// (o http://).</translation>
    </message>
    <message>
        <source>In the order link, {orderId} must come after the host, in the path or the query, for example https://orders.example/{orderId}.</source>
        <translation>En el enlace de pedidos, {orderId} debe ir después del host, en la ruta o en la consulta, por ejemplo https://orders.example/{orderId}.</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>Late</source>
        <translation>Con retraso</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>Dañado</translation>
    </message>
    <message>
        <source>Rude</source>
        <translation>Descortés</translation>
    </message>
    <message>
        <source>Friendly</source>
        <translation>Amable</translation>
    </message>
    <message>
        <source>Fast</source>
        <translation>Rápido</translation>
    </message>
    <message>
        <source>Wrong address</source>
        <translation>Dirección equivocada</translation>
    </message>
    <message>
        <source>No contact attempt</source>
        <translation>Sin intento de contacto</translation>
    </message>
</context>
<context>
    <name>RecordCsv</name>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Created (UTC)</source>
        <translation>Creado (UTC)</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>Repartidor</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Valoración</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motivos</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <source>May publish</source>
        <translation>Se puede publicar</translation>
    </message>
    <message>
        <source>Needs follow-up</source>
        <translation>Requiere seguimiento</translation>
    </message>
    <message>
        <source>Follow-up status</source>
        <translation>Situación del seguimiento</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Retracted</source>
        <translation>Retirado</translation>
    </message>
    <message>
        <source>Edited on two devices</source>
        <translation>Editado en dos dispositivos</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>Record ID</source>
        <translation>ID del registro</translation>
    </message>
    <message>
        <source>Device ID</source>
        <translation>ID del dispositivo</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Sincronizado</translation>
    </message>
    <message>
        <source>Saved on this device</source>
        <translation>Guardado en este dispositivo</translation>
    </message>
</context>
<context>
    <name>RecordDetailPane</name>
    <message>
        <source>Select a record to see its details.</source>
        <translation>Seleccionar un registro para ver sus detalles.</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Valoración</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motivos</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <source>May publish</source>
        <translation>Se puede publicar</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Edited on two devices at once: keep one value</source>
        <translation>Editado en dos dispositivos a la vez: conservar un valor</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <source>Follow-up status</source>
        <translation>Situación del seguimiento</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Who takes care of it</source>
        <translation>Quién se encarga</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>New note</source>
        <translation>Nota nueva</translation>
    </message>
    <message>
        <source>Add a note: what was done, who was called</source>
        <translation>Añadir una nota: qué se hizo, a quién se llamó</translation>
    </message>
    <message>
        <source>Hide this feedback from analytics and exports on every device</source>
        <translation>Ocultar esta opinión del análisis y las exportaciones en todos los dispositivos</translation>
    </message>
    <message>
        <source>Stat&amp;us</source>
        <translation>Sit&amp;uación</translation>
    </message>
    <message>
        <source>Assi&amp;gnee</source>
        <translation>&amp;Responsable</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Asignar</translation>
    </message>
    <message>
        <source>A&amp;dd note</source>
        <translation>Añadir &amp;nota</translation>
    </message>
    <message>
        <source>Retract…</source>
        <translation>Retirar…</translation>
    </message>
    <message>
        <source>Erase personal data…</source>
        <translation>Borrar datos personales…</translation>
    </message>
    <message>
        <source>Remove the comment, the order number and the contact details for good on every device</source>
        <translation>Eliminar para siempre el comentario, el número de pedido y los datos de contacto en todos los dispositivos</translation>
    </message>
</context>
<context>
    <name>RelaySecurity</name>
    <message>
        <source>ws:// sends everything unencrypted to %1; use wss:// or tick &quot;Allow an unencrypted connection (insecure)&quot;.</source>
        <translation>ws:// envía todo sin cifrar a %1; use wss:// o marque «Permitir una conexión sin cifrar (inseguro)».</translation>
    </message>
</context>
<context>
    <name>ReportPdf</name>
    <message>
        <source>%1 · order %2 · courier %3 · %4 · %5</source>
        <translation>%1 · pedido %2 · repartidor %3 · %4 · %5</translation>
    </message>
    <message>
        <source>(erased)</source>
        <translation>(borrado)</translation>
    </message>
    <message>
        <source> · %1</source>
        <translation> · %1</translation>
    </message>
    <message>
        <source>Courier feedback %1 – %2</source>
        <translation>Opiniones sobre repartidores %1 – %2</translation>
    </message>
    <message>
        <source>Could not start the PDF.</source>
        <translation>No se pudo iniciar el PDF.</translation>
    </message>
    <message>
        <source>Courier feedback report</source>
        <translation>Informe de opiniones sobre repartidores</translation>
    </message>
    <message>
        <source>Period: %1 – %2</source>
        <translation>Periodo: %1 – %2</translation>
    </message>
    <message>
        <source>Printed %1 at %2</source>
        <translation>Impreso %1 en %2</translation>
    </message>
    <message numerus="yes">
        <source>%n rating(s), average %1 of 5</source>
        <translation>
            <numerusform>%n valoración, media %1 de 5</numerusform>
            <numerusform>%n valoraciones, media %1 de 5</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) open</source>
        <translation>
            <numerusform>%n seguimiento abierto</numerusform>
            <numerusform>%n seguimientos abiertos</numerusform>
        </translation>
    </message>
    <message>
        <source>Ratings by stars</source>
        <translation>Valoraciones por estrellas</translation>
    </message>
    <message>
        <source>Ratings per day</source>
        <translation>Valoraciones por día</translation>
    </message>
    <message>
        <source>The ten worst couriers</source>
        <translation>Los diez peores repartidores</translation>
    </message>
    <message>
        <source>No ratings in this period.</source>
        <translation>No hay valoraciones en este periodo.</translation>
    </message>
    <message numerus="yes">
        <source>Courier %1: average %2 of 5 from %n rating(s)</source>
        <translation>
            <numerusform>Repartidor %1: media %2 de 5 de %n valoración</numerusform>
            <numerusform>Repartidor %1: media %2 de 5 de %n valoraciones</numerusform>
        </translation>
    </message>
    <message>
        <source>Open follow-ups</source>
        <translation>Seguimientos abiertos</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Ninguno.</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more (the desk&apos;s Status filter lists them all).</source>
        <translation>
            <numerusform>… y %n más (el filtro de situación del puesto los muestra todos).</numerusform>
            <numerusform>… y %n más (el filtro de situación del puesto los muestra todos).</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>No se pudo escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Allow an unencrypted connection (insecure)</source>
        <translation>Permitir una conexión sin cifrar (inseguro)</translation>
    </message>
    <message>
        <source>Only for a relay on a network you trust: with ws:// anyone on the way can read and change what is sent.</source>
        <translation>Solo para un relé en una red de confianza: con ws:// cualquiera en el camino puede leer y cambiar lo que se envía.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>&amp;Use this device as</source>
        <translation>&amp;Usar este dispositivo como</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>Device &amp;name</source>
        <translation>&amp;Nombre del dispositivo</translation>
    </message>
    <message>
        <source>Device name</source>
        <translation>Nombre del dispositivo</translation>
    </message>
    <message>
        <source>&amp;Relay address</source>
        <translation>Dirección del &amp;relay</translation>
    </message>
    <message>
        <source>Relay address</source>
        <translation>Dirección del relay</translation>
    </message>
    <message>
        <source>wss://relay.example.com</source>
        <translation>wss://relay.example.com</translation>
    </message>
    <message>
        <source>S&amp;ync with the relay (off: feedback stays on this device)</source>
        <translation>&amp;Sincronizar con el relay (desactivado: las opiniones se quedan en este dispositivo)</translation>
    </message>
    <message>
        <source>Kiosk &amp;PIN</source>
        <translation>&amp;PIN del quiosco</translation>
    </message>
    <message>
        <source>Kiosk PIN</source>
        <translation>PIN del quiosco</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Sin cambios</translation>
    </message>
    <message>
        <source>&amp;Keep synced feedback</source>
        <translation>Conser&amp;var opiniones sincronizadas</translation>
    </message>
    <message>
        <source>Days to keep synced feedback on this device</source>
        <translation>Días que se conservan las opiniones sincronizadas en este dispositivo</translation>
    </message>
    <message>
        <source>forever</source>
        <translation>siempre</translation>
    </message>
    <message>
        <source> days</source>
        <translation> días</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>R&amp;eset this device…</source>
        <translation>R&amp;establecer este dispositivo…</translation>
    </message>
    <message>
        <source>De&amp;vices…</source>
        <translation>&amp;Dispositivos…</translation>
    </message>
    <message>
        <source>Sync with &amp;nearby devices when the relay is out of reach</source>
        <translation>Sincronizar con dispositivos &amp;cercanos cuando el relay no está disponible</translation>
    </message>
    <message>
        <source>Devices of this workspace on the same local network find each other and sync directly; what they learn goes to the relay later. Off on kiosks.</source>
        <translation>Los dispositivos de este espacio de trabajo en la misma red local se encuentran y sincronizan directamente; lo que aprenden llega al relay más tarde. Desactivado en los quioscos.</translation>
    </message>
    <message>
        <source>Nearby &amp;devices</source>
        <translation>&amp;Dispositivos cercanos</translation>
    </message>
    <message>
        <source>Nearby devices named by hand</source>
        <translation>Dispositivos cercanos indicados a mano</translation>
    </message>
    <message>
        <source>Devices on the same network are found by themselves. Where the network does not let them (another subnet, a blocked multicast), name each one as address:port, separated by spaces.</source>
        <translation>Los dispositivos de la misma red se encuentran solos. Donde la red no lo permite (otra subred, multicast bloqueado), indique cada uno como dirección:puerto, separados por espacios.</translation>
    </message>
    <message>
        <source>&amp;Order link</source>
        <translation>En&amp;lace de pedidos</translation>
    </message>
    <message>
        <source>Order system link</source>
        <translation>Enlace al sistema de pedidos</translation>
    </message>
    <message>
        <source>https://orders.example/{orderId}</source>
        <translation>https://orders.example/{orderId}</translation>
    </message>
    <message>
        <source>The dispatcher&apos;s record pane links each order number to your order system: {orderId} is replaced by the order number.</source>
        <translation>El panel de registro del despacho enlaza cada número de pedido con su sistema de pedidos: {orderId} se sustituye por el número de pedido.</translation>
    </message>
    <message>
        <source>Desktop &amp;alerts for ratings of 1–2 stars and requests to be contacted</source>
        <translation>&amp;Avisos de escritorio para valoraciones de 1–2 estrellas y peticiones de contacto</translation>
    </message>
    <message>
        <source>On a dispatcher desk: a notification when such a rating arrives from another device.</source>
        <translation>En un puesto de despacho: una notificación cuando llega una valoración así desde otro dispositivo.</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>Relay</source>
        <translation>Relay</translation>
    </message>
    <message>
        <source>This device</source>
        <translation>Este dispositivo</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Pendiente de envío</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Última sincronización</translation>
    </message>
    <message>
        <source>Last problem</source>
        <translation>Último problema</translation>
    </message>
    <message>
        <source>Recent &amp;events</source>
        <translation>&amp;Eventos recientes</translation>
    </message>
    <message>
        <source>Recent sync events</source>
        <translation>Eventos de sincronización recientes</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sincronizar ahora</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>ahora mismo</translation>
    </message>
    <message>
        <source>Sync off · %1</source>
        <translation>Sincronización desactivada · %1</translation>
    </message>
    <message>
        <source>Offline · %1</source>
        <translation>Sin conexión · %1</translation>
    </message>
    <message>
        <source>Syncing %1 of %2 · %3</source>
        <translation>Sincronizando %1 de %2 · %3</translation>
    </message>
    <message>
        <source>Syncing… · %1</source>
        <translation>Sincronizando… · %1</translation>
    </message>
    <message>
        <source>Up to date (%1) · %2</source>
        <translation>Al día (%1) · %2</translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>hace %n min</numerusform>
            <numerusform>hace %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>hace %n h</numerusform>
            <numerusform>hace %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>hace %n día</numerusform>
            <numerusform>hace %n días</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n pendiente</numerusform>
            <numerusform>%n pendientes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) could not be read</source>
        <translation>
            <numerusform>%n cambio no se pudo leer</numerusform>
            <numerusform>%n cambios no se pudieron leer</numerusform>
        </translation>
    </message>
    <message>
        <source>it has too many devices connected</source>
        <translation>tiene demasiados dispositivos conectados</translation>
    </message>
    <message>
        <source>this device sent too much too fast</source>
        <translation>este dispositivo envió demasiado y demasiado rápido</translation>
    </message>
    <message>
        <source>it could not store what was sent</source>
        <translation>no pudo guardar lo enviado</translation>
    </message>
    <message>
        <source>this device took too long to sign in</source>
        <translation>este dispositivo tardó demasiado en identificarse</translation>
    </message>
    <message>
        <source>a message was too large</source>
        <translation>un mensaje era demasiado grande</translation>
    </message>
    <message>
        <source>a protocol error (%1)</source>
        <translation>un error de protocolo (%1)</translation>
    </message>
    <message numerus="yes">
        <source>retrying in %n s</source>
        <translation>
            <numerusform>reintento en %n s</numerusform>
            <numerusform>reintento en %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>trying again…</source>
        <translation>reintentando…</translation>
    </message>
    <message>
        <source>Sync not set up · %1</source>
        <translation>Sincronización no configurada · %1</translation>
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
        <translation>Conectando con %1… · %2</translation>
    </message>
    <message>
        <source>Cannot reach %1</source>
        <translation>No se puede contactar con %1</translation>
    </message>
    <message>
        <source>Cannot verify %1</source>
        <translation>No se puede verificar %1</translation>
    </message>
    <message>
        <source>Connection to %1 lost</source>
        <translation>Conexión con %1 perdida</translation>
    </message>
    <message>
        <source>%1 does not accept this device</source>
        <translation>%1 no acepta este dispositivo</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 rechazó: %2</translation>
    </message>
    <message>
        <source>Update required</source>
        <translation>Actualización necesaria</translation>
    </message>
    <message>
        <source>This device was removed from the workspace</source>
        <translation>Este dispositivo fue retirado del espacio de trabajo</translation>
    </message>
    <message>
        <source>This device was removed from the workspace. It no longer syncs; to use it again, join the workspace with a new invite.</source>
        <translation>Este dispositivo fue retirado del espacio de trabajo. Ya no se sincroniza; para volver a usarlo, únase al espacio de trabajo con una nueva invitación.</translation>
    </message>
    <message>
        <source>Sync error: %1</source>
        <translation>Error de sincronización: %1</translation>
    </message>
    <message>
        <source>Cannot reach %1: the connection was refused. The relay may be stopped, or the address or port may be wrong.</source>
        <translation>No se puede contactar con %1: se rechazó la conexión. Puede que el relay esté detenido o que la dirección o el puerto sean incorrectos.</translation>
    </message>
    <message>
        <source>Cannot reach %1: no computer of that name was found.</source>
        <translation>No se puede contactar con %1: no se encontró ningún equipo con ese nombre.</translation>
    </message>
    <message>
        <source>Cannot reach %1: this device has no network connection.</source>
        <translation>No se puede contactar con %1: este dispositivo no tiene conexión de red.</translation>
    </message>
    <message>
        <source>Cannot reach %1: it did not answer in time.</source>
        <translation>No se puede contactar con %1: no respondió a tiempo.</translation>
    </message>
    <message>
        <source>Cannot verify %1: its certificate is not trusted, so this device does not connect to it.</source>
        <translation>No se puede verificar %1: su certificado no es de confianza, así que este dispositivo no se conecta.</translation>
    </message>
    <message>
        <source>The connection to %1 was closed by the relay.</source>
        <translation>El relay cerró la conexión con %1.</translation>
    </message>
    <message>
        <source>%1 does not accept this device&apos;s credentials. Join the workspace again with a new invite.</source>
        <translation>%1 no acepta las credenciales de este dispositivo. Vuelva a unirse al espacio de trabajo con una nueva invitación.</translation>
    </message>
    <message>
        <source>%1 refused this device: %2.</source>
        <translation>%1 rechazó este dispositivo: %2.</translation>
    </message>
    <message>
        <source>This version of Courier Feedback is too old for the relay or for changes another device wrote: install a newer version.</source>
        <translation>Esta versión de Courier Feedback es demasiado antigua para el relay o para cambios de otro dispositivo: instale una versión más reciente.</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Conectado con %1</translation>
    </message>
    <message>
        <source>Disconnected from %1</source>
        <translation>Desconectado de %1</translation>
    </message>
    <message>
        <source>The connection to %1 ended.</source>
        <translation>La conexión con %1 terminó.</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>Problema: %1</translation>
    </message>
    <message numerus="yes">
        <source>Sent %n change(s)</source>
        <translation>
            <numerusform>%n cambio enviado</numerusform>
            <numerusform>%n cambios enviados</numerusform>
        </translation>
    </message>
    <message>
        <source>The relay stored what this device sent</source>
        <translation>El relay guardó lo que envió este dispositivo</translation>
    </message>
    <message numerus="yes">
        <source>Received %n change(s) from other devices</source>
        <translation>
            <numerusform>%n cambio recibido de otros dispositivos</numerusform>
            <numerusform>%n cambios recibidos de otros dispositivos</numerusform>
        </translation>
    </message>
    <message>
        <source>Two devices changed record %1 at the same time: both values are kept</source>
        <translation>Dos dispositivos cambiaron el registro %1 a la vez: se conservan ambos valores</translation>
    </message>
    <message>
        <source>Caught up with the relay</source>
        <translation>Al día con el relay</translation>
    </message>
    <message numerus="yes">
        <source>This profile continues under a new device id (%n change(s) renumbered)</source>
        <translation>
            <numerusform>Este perfil continúa con un nuevo id de dispositivo (%n cambio renumerado)</numerusform>
            <numerusform>Este perfil continúa con un nuevo id de dispositivo (%n cambios renumerados)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) could not be read and were set aside</source>
        <translation>
            <numerusform>%n cambio no se pudo leer y se apartó</numerusform>
            <numerusform>%n cambios no se pudieron leer y se apartaron</numerusform>
        </translation>
    </message>
    <message>
        <source>Asked the relay again for a change that could not be read</source>
        <translation>Se volvió a pedir al relay un cambio que no se pudo leer</translation>
    </message>
    <message>
        <source>A change set aside earlier could be read now</source>
        <translation>Un cambio apartado antes ya se pudo leer</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) need a newer version of Courier Feedback</source>
        <translation>
            <numerusform>%n cambio necesita una versión más reciente de Courier Feedback</numerusform>
            <numerusform>%n cambios necesitan una versión más reciente de Courier Feedback</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync event: %1</source>
        <translation>Evento de sincronización: %1</translation>
    </message>
    <message>
        <source>Up to date via nearby devices · %1</source>
        <translation>Al día mediante dispositivos cercanos · %1</translation>
    </message>
    <message numerus="yes">
        <source>%n nearby device(s)</source>
        <translation>
            <numerusform>%n dispositivo cercano</numerusform>
            <numerusform>%n dispositivos cercanos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>feedback::app::AnalyticsPeriod</name>
    <message>
        <source>&amp;Period</source>
        <translation>&amp;Periodo</translation>
    </message>
    <message>
        <source>to</source>
        <translation>hasta</translation>
    </message>
    <message>
        <source>Period of the charts</source>
        <translation>Periodo de los gráficos</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>Primer día</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>Último día</translation>
    </message>
    <message numerus="yes">
        <source>Last %n day(s)</source>
        <translation>
            <numerusform>Último %n día</numerusform>
            <numerusform>Últimos %n días</numerusform>
        </translation>
    </message>
    <message>
        <source>All time</source>
        <translation>Todo el periodo</translation>
    </message>
    <message>
        <source>Custom range</source>
        <translation>Periodo personalizado</translation>
    </message>
</context>
<context>
    <name>feedback::app::AnalyticsView</name>
    <message>
        <source>Best 10 couriers (average rating)</source>
        <translation>Los 10 mejores repartidores (valoración media)</translation>
    </message>
    <message>
        <source>Worst 10 couriers (average rating)</source>
        <translation>Los 10 peores repartidores (valoración media)</translation>
    </message>
    <message>
        <source>Rating distribution</source>
        <translation>Distribución de valoraciones</translation>
    </message>
    <message>
        <source>Ratings</source>
        <translation>Valoraciones</translation>
    </message>
    <message>
        <source>%1 ★</source>
        <translation>%1 ★</translation>
    </message>
    <message>
        <source>Average rating</source>
        <translation>Valoración media</translation>
    </message>
    <message numerus="yes">
        <source>Courier %1 (%n)</source>
        <translation>
            <numerusform>Repartidor %1 (%n)</numerusform>
            <numerusform>Repartidor %1 (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Reasons given</source>
        <translation>Motivos indicados</translation>
    </message>
    <message>
        <source>Times given</source>
        <translation>Veces indicado</translation>
    </message>
    <message>
        <source>Feedback per day</source>
        <translation>Opiniones por día</translation>
    </message>
    <message numerus="yes">
        <source>%n rating(s), average %1 of 5</source>
        <translation>
            <numerusform>%n valoración, media %1 de 5</numerusform>
            <numerusform>%n valoraciones, media %1 de 5</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n follow-up(s) open</source>
        <translation>
            <numerusform>%n seguimiento abierto</numerusform>
            <numerusform>%n seguimientos abiertos</numerusform>
        </translation>
    </message>
    <message>
        <source>Follow-ups by status</source>
        <translation>Seguimientos por situación</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>Click a bar to see its records</source>
        <translation>Haga clic en una barra para ver sus registros</translation>
    </message>
    <message>
        <source>Click a day to see its records</source>
        <translation>Haga clic en un día para ver sus registros</translation>
    </message>
</context>
<context>
    <name>feedback::app::AppController</name>
    <message>
        <source>This profile is open in %1 (process %2). Only one program at a time can write to it: close that program, then try again.</source>
        <translation>Este perfil está abierto en %1 (proceso %2). Solo un programa a la vez puede escribir en él: cierre ese programa y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>This profile is open in another program. Only one program at a time can write to it: close that program, then try again.</source>
        <translation>Este perfil está abierto en otro programa. Solo un programa a la vez puede escribir en él: cierre ese programa y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>Profile in use</source>
        <translation>Perfil en uso</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>This profile&apos;s key is protected by a passphrase:</source>
        <translation>La clave de este perfil está protegida con una frase de contraseña:</translation>
    </message>
    <message>
        <source>%1
Try again:</source>
        <translation>%1
Volver a intentarlo:</translation>
    </message>
    <message>
        <source>Open Courier Feedback</source>
        <translation>Abrir Courier Feedback</translation>
    </message>
    <message>
        <source>No passphrase given.</source>
        <translation>No se ha introducido ninguna frase de contraseña.</translation>
    </message>
    <message>
        <source>Set-up was cancelled.</source>
        <translation>Se canceló la configuración.</translation>
    </message>
    <message>
        <source>Some feedback could not be read</source>
        <translation>No se pudieron leer algunas opiniones</translation>
    </message>
</context>
<context>
    <name>feedback::app::AppSession</name>
    <message>
        <source>&quot;%1&quot; is not a ws:// or wss:// address.</source>
        <translation>«%1» no es una dirección ws:// ni wss://.</translation>
    </message>
    <message>
        <source>Sync is turned off (FEEDBACK_SYNC=off): feedback stays on this device.</source>
        <translation>La sincronización está desactivada (FEEDBACK_SYNC=off): las opiniones se quedan en este dispositivo.</translation>
    </message>
    <message>
        <source>Sync is turned off in the settings: feedback stays on this device.</source>
        <translation>La sincronización está desactivada en la configuración: las opiniones se quedan en este dispositivo.</translation>
    </message>
    <message>
        <source>No relay address is set: feedback stays on this device.</source>
        <translation>No hay dirección de relay: las opiniones se quedan en este dispositivo.</translation>
    </message>
    <message>
        <source>The relay address &quot;%1&quot; is not a ws:// or wss:// address.</source>
        <translation>La dirección del relay «%1» no es una dirección ws:// ni wss://.</translation>
    </message>
    <message>
        <source>This device</source>
        <translation>Este dispositivo</translation>
    </message>
    <message>
        <source>Device %1</source>
        <translation>Dispositivo %1</translation>
    </message>
    <message>
        <source>this device</source>
        <translation>este dispositivo</translation>
    </message>
    <message>
        <source>%1 (this device)</source>
        <translation>%1 (este dispositivo)</translation>
    </message>
    <message>
        <source>device %1</source>
        <translation>dispositivo %1</translation>
    </message>
    <message>
        <source>Sync is off: an invite needs the relay to hold it.</source>
        <translation>La sincronización está desactivada: una invitación necesita que el relé la guarde.</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Quiosco</translation>
    </message>
    <message>
        <source>Sync is off: cancelling an invite needs the relay.</source>
        <translation>La sincronización está desactivada: anular una invitación necesita el relé.</translation>
    </message>
    <message>
        <source>A name is printable text of at most 100 characters.</source>
        <translation>Un nombre es texto imprimible de 100 caracteres como máximo.</translation>
    </message>
</context>
<context>
    <name>feedback::app::CaptureForm</name>
    <message>
        <source>Reason: %1</source>
        <translation>Motivo: %1</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>Please shorten the comment by %n character(s).</source>
        <translation>
            <numerusform>Hay que acortar el comentario en %n carácter.</numerusform>
            <numerusform>Hay que acortar el comentario en %n caracteres.</numerusform>
        </translation>
    </message>
    <message>
        <source>Scan or type the order number.</source>
        <translation>Escanear o escribir el número de pedido.</translation>
    </message>
    <message>
        <source>An order number has only letters, digits and dashes, like ORD-123456.</source>
        <translation>Un número de pedido solo tiene letras, dígitos y guiones, como ORD-123456.</translation>
    </message>
    <message>
        <source>Type the courier number from the badge (digits only).</source>
        <translation>Escribir el número de repartidor de la tarjeta (solo dígitos).</translation>
    </message>
    <message>
        <source>Choose from 1 to 5 stars.</source>
        <translation>Elegir de 1 a 5 estrellas.</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation>No se pudo guardar: %1</translation>
    </message>
    <message>
        <source>Saved on this device. It will be sent when online.</source>
        <translation>Guardado en este dispositivo. Se enviará cuando haya conexión.</translation>
    </message>
    <message>
        <source>Type a phone number (%1 to %2 digits) or an e-mail address like name@example.com, or leave it empty.</source>
        <translation>Escriba un número de teléfono (de %1 a %2 dígitos) o un correo electrónico como nombre@example.com, o déjelo vacío.</translation>
    </message>
</context>
<context>
    <name>feedback::app::ContactRequestBox</name>
    <message>
        <source>Erased</source>
        <translation>Borrado</translation>
    </message>
    <message>
        <source>Phone: %1</source>
        <translation>Teléfono: %1</translation>
    </message>
    <message>
        <source>E-mail: %1</source>
        <translation>Correo electrónico: %1</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No (withdrawn)</source>
        <translation>No (retirada)</translation>
    </message>
    <message>
        <source>None given</source>
        <translation>No se indicó ninguno</translation>
    </message>
    <message>
        <source>Customer asks to be contacted</source>
        <translation>Solicitud de contacto del cliente</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Solicitud</translation>
    </message>
    <message>
        <source>Phone or e-mail</source>
        <translation>Teléfono o correo electrónico</translation>
    </message>
    <message>
        <source>Erase contact details…</source>
        <translation>Borrar datos de contacto…</translation>
    </message>
    <message>
        <source>Remove the phone number or e-mail address on every device</source>
        <translation>Quitar el número de teléfono o el correo electrónico en todos los dispositivos</translation>
    </message>
</context>
<context>
    <name>feedback::app::DateFilterEdit</name>
    <message>
        <source>any</source>
        <translation>cualquiera</translation>
    </message>
</context>
<context>
    <name>feedback::app::DevicesDialog</name>
    <message>
        <source>Kiosk</source>
        <translation>Quiosco</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>Completo</translation>
    </message>
    <message>
        <source>Device %1</source>
        <translation>Dispositivo %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>this device</source>
        <translation>este dispositivo</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>revocado</translation>
    </message>
    <message>
        <source>revocation pending</source>
        <translation>revocación pendiente</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Dispositivos</translation>
    </message>
    <message>
        <source>The devices of this workspace, as the relay last listed them.</source>
        <translation>Los dispositivos de este espacio de trabajo, tal como el relay los listó por última vez.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>Incorporado</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Visto por última vez</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>No device list yet: the relay sends it at the next sync.</source>
        <translation>Aún no hay lista de dispositivos: el relay la envía en la próxima sincronización.</translation>
    </message>
    <message>
        <source>&amp;Revoke…</source>
        <translation>&amp;Revocar…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Remove “%1” from the workspace? It will no longer sync: the relay refuses it from the next sync on. This cannot be undone.</source>
        <translation>¿Retirar «%1» del espacio de trabajo? Ya no se sincronizará: el relay lo rechaza a partir de la próxima sincronización. No se puede deshacer.</translation>
    </message>
    <message>
        <source>Revoke a device</source>
        <translation>Revocar un dispositivo</translation>
    </message>
    <message>
        <source>Remove from the workspace</source>
        <translation>Retirar del espacio de trabajo</translation>
    </message>
    <message>
        <source>The revocation could not be saved: %1</source>
        <translation>No se pudo guardar la revocación: %1</translation>
    </message>
    <message>
        <source>Only a full device can revoke devices.</source>
        <translation>Solo un dispositivo completo puede revocar dispositivos.</translation>
    </message>
</context>
<context>
    <name>feedback::app::DispatcherView</name>
    <message>
        <source>any</source>
        <translation>cualquiera</translation>
    </message>
    <message>
        <source>Showing %1 of %2</source>
        <translation>Mostrando %1 de %2</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Error al exportar</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>No se pudo escribir %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n record(s) to %1</source>
        <translation>
            <numerusform>%n registro exportado a %1</numerusform>
            <numerusform>%n registros exportados a %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflicto</numerusform>
            <numerusform>%n conflictos</numerusform>
        </translation>
    </message>
    <message>
        <source>Records edited on two devices at once: show them</source>
        <translation>Registros editados en dos dispositivos a la vez: mostrarlos</translation>
    </message>
    <message numerus="yes">
        <source>E&amp;xport %n shown record(s)…</source>
        <translation>
            <numerusform>E&amp;xportar %n registro mostrado…</numerusform>
            <numerusform>E&amp;xportar %n registros mostrados…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Export %n shown record(s)</source>
        <translation>
            <numerusform>Exportar %n registro mostrado</numerusform>
            <numerusform>Exportar %n registros mostrados</numerusform>
        </translation>
    </message>
    <message>
        <source>CSV for spreadsheets (*.csv)</source>
        <translation>CSV para hojas de cálculo (*.csv)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Su nombre</translation>
    </message>
    <message>
        <source>Your name, as you write it when you assign a record to yourself:</source>
        <translation>Su nombre, tal como lo escribe al asignarse un registro:</translation>
    </message>
</context>
<context>
    <name>feedback::app::FieldView</name>
    <message>
        <source>Feedback entered on this device</source>
        <translation>Opiniones introducidas en este dispositivo</translation>
    </message>
    <message>
        <source>Sent: dispatchers can see it now.</source>
        <translation>Enviado: los despachadores ya pueden verlo.</translation>
    </message>
    <message>
        <source>Saved on this device. It will be sent when online.</source>
        <translation>Guardado en este dispositivo. Se enviará cuando haya conexión.</translation>
    </message>
</context>
<context>
    <name>feedback::app::FirstStartDialog</name>
    <message>
        <source>The relay address must start with wss:// (or ws:// on a trusted network).</source>
        <translation>La dirección del relay debe empezar por wss:// (o ws:// en una red de confianza).</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Las dos frases de contraseña no coinciden.</translation>
    </message>
    <message>
        <source>Use a passphrase of at least 8 characters.</source>
        <translation>Usar una frase de contraseña de al menos 8 caracteres.</translation>
    </message>
    <message>
        <source>Step 1 of 3: this device</source>
        <translation>Paso 1 de 3: este dispositivo</translation>
    </message>
    <message>
        <source>Step 2 of 3: workspace</source>
        <translation>Paso 2 de 3: espacio de trabajo</translation>
    </message>
    <message>
        <source>Step 3 of 3: security</source>
        <translation>Paso 3 de 3: seguridad</translation>
    </message>
    <message>
        <source>The feedback here is stored encrypted. Staff leave the kiosk with its PIN; a passphrase is only needed where the system has no keychain.</source>
        <translation>Las opiniones se guardan cifradas. El personal sale del quiosco con su PIN; solo hace falta una frase de contraseña donde el sistema no tiene llavero.</translation>
    </message>
    <message>
        <source>The feedback here is stored encrypted. A passphrase is only needed where the system has no keychain; leave it empty otherwise.</source>
        <translation>Las opiniones se guardan cifradas. Solo hace falta una frase de contraseña donde el sistema no tiene llavero; si no, déjela vacía.</translation>
    </message>
    <message>
        <source>Enter the relay address, or untick &quot;Sync with the relay&quot; to keep the feedback on this device.</source>
        <translation>Escriba la dirección del relay o desmarque «Sincronizar con el relay» para dejar las opiniones en este dispositivo.</translation>
    </message>
    <message>
        <source>An admission token is cfa1- and 32 letters, digits, - or _, as the relay&apos;s operator got it. Leave it empty if you have none.</source>
        <translation>Un token de admisión es cfa1- y 32 letras, dígitos, - o _, tal como lo obtuvo el operador del relay. Déjelo vacío si no tiene ninguno.</translation>
    </message>
</context>
<context>
    <name>feedback::app::InvitePanel</name>
    <message>
        <source>Invite valid for:</source>
        <translation>Invitación válida durante:</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15 minutos</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 hora</translation>
    </message>
    <message>
        <source>24 hours</source>
        <translation>24 horas</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 días</translation>
    </message>
    <message>
        <source>&amp;Invite a full device</source>
        <translation>&amp;Invitar un dispositivo completo</translation>
    </message>
    <message>
        <source>Invite a &amp;kiosk</source>
        <translation>Invitar un &amp;quiosco</translation>
    </message>
    <message>
        <source>Invite code</source>
        <translation>Código de invitación</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copiar</translation>
    </message>
    <message>
        <source>Only a full device can invite devices.</source>
        <translation>Solo un dispositivo completo puede invitar dispositivos.</translation>
    </message>
    <message>
        <source>Waiting for the relay to take the invite…</source>
        <translation>Esperando a que el relé acepte la invitación…</translation>
    </message>
    <message>
        <source>Invite code for one kiosk, valid until %1:</source>
        <translation>Código de invitación para un quiosco, válido hasta %1:</translation>
    </message>
    <message>
        <source>Invite code for one full device, valid until %1. Whoever joins with it can read and write this workspace&apos;s feedback:</source>
        <translation>Código de invitación para un dispositivo completo, válido hasta %1. Quien se una con él podrá leer y escribir las valoraciones de este espacio de trabajo:</translation>
    </message>
    <message>
        <source>The relay did not take the invite: %1</source>
        <translation>El relé no aceptó la invitación: %1</translation>
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
        <translation>Salir del modo quiosco (personal, requiere el PIN)</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>¡Gracias!</translation>
    </message>
    <message>
        <source>Your feedback was saved. It helps us deliver better.</source>
        <translation>Opinión guardada. Nos ayuda a entregar mejor.</translation>
    </message>
    <message>
        <source>Give more feedback</source>
        <translation>Dar otra opinión</translation>
    </message>
    <message>
        <source>Leave kiosk mode</source>
        <translation>Salir del modo quiosco</translation>
    </message>
    <message>
        <source>Staff PIN:</source>
        <translation>PIN del personal:</translation>
    </message>
    <message>
        <source>That PIN is not right.</source>
        <translation>Ese PIN no es correcto.</translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong PINs. Try again in %n second(s).</source>
        <translation>
            <numerusform>Demasiados PIN incorrectos. Volver a intentarlo en %n segundo.</numerusform>
            <numerusform>Demasiados PIN incorrectos. Volver a intentarlo en %n segundos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Staff mode. The kiosk locks itself again after %n minute(s) without use.</source>
        <translation>
            <numerusform>Modo personal. El quiosco se vuelve a bloquear tras %n minuto sin uso.</numerusform>
            <numerusform>Modo personal. El quiosco se vuelve a bloquear tras %n minutos sin uso.</numerusform>
        </translation>
    </message>
    <message>
        <source>On-screen &amp;keypad:</source>
        <translation>&amp;Teclado en pantalla:</translation>
    </message>
    <message>
        <source>On-screen keypad</source>
        <translation>Teclado en pantalla</translation>
    </message>
    <message>
        <source>Automatic (touch screen, no keyboard)</source>
        <translation>Automático (pantalla táctil sin teclado)</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>Siempre</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nunca</translation>
    </message>
</context>
<context>
    <name>feedback::app::MainWindow</name>
    <message>
        <source>About Courier Feedback</source>
        <translation>Acerca de Courier Feedback</translation>
    </message>
    <message>
        <source>Courier Feedback %1
Offline-first delivery feedback, end-to-end encrypted.
Licensed under the GNU GPL, version 3.</source>
        <translation>Courier Feedback %1
Opiniones sobre entregas, primero sin conexión y con cifrado de extremo a extremo.
Publicado bajo la GNU GPL, versión 3.</translation>
    </message>
    <message>
        <source>Courier Feedback</source>
        <translation>Courier Feedback</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Dispatcher desk</source>
        <translation>Puesto de &amp;despacho</translation>
    </message>
    <message>
        <source>&amp;Field laptop</source>
        <translation>Portátil de &amp;campo</translation>
    </message>
    <message>
        <source>&amp;Kiosk (full screen)</source>
        <translation>&amp;Quiosco (pantalla completa)</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>S&amp;incronización</translation>
    </message>
    <message>
        <source>Sync &amp;now</source>
        <translation>Sincronizar &amp;ahora</translation>
    </message>
    <message>
        <source>Sync &amp;details…</source>
        <translation>&amp;Detalles de sincronización…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Acerca de</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Some settings could not be saved:
%1</source>
        <translation>No se pudieron guardar algunos ajustes:
%1</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Configuración guardada.</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Quiosco</translation>
    </message>
    <message>
        <source>Set a kiosk PIN in the settings first: staff need it to leave the kiosk.</source>
        <translation>Primero hay que definir un PIN de quiosco en los ajustes: el personal lo necesita para salir del quiosco.</translation>
    </message>
    <message>
        <source>&amp;Lock kiosk</source>
        <translation>&amp;Bloquear quiosco</translation>
    </message>
    <message>
        <source>Back to the kiosk for customers (Ctrl+L)</source>
        <translation>Volver al quiosco para los clientes (Ctrl+L)</translation>
    </message>
    <message>
        <source>Export &amp;report…</source>
        <translation>Exportar &amp;informe…</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Exportar informe</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Report written to %1</source>
        <translation>Informe guardado en %1</translation>
    </message>
</context>
<context>
    <name>feedback::app::NewRecordsButton</name>
    <message numerus="yes">
        <source>↑ %n new</source>
        <translation>
            <numerusform>↑ %n nuevo</numerusform>
            <numerusform>↑ %n nuevos</numerusform>
        </translation>
    </message>
    <message>
        <source>Show the newest records</source>
        <translation>Mostrar los registros más recientes</translation>
    </message>
    <message numerus="yes">
        <source>%n new record(s) above: show them</source>
        <translation>
            <numerusform>%n registro nuevo arriba: mostrarlo</numerusform>
            <numerusform>%n registros nuevos arriba: mostrarlos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>feedback::app::NumericKeypad</name>
    <message>
        <source>Delete the last character</source>
        <translation>Borrar el último carácter</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Next field</source>
        <translation>Campo siguiente</translation>
    </message>
    <message>
        <source>Type %1</source>
        <translation>Escribir %1</translation>
    </message>
</context>
<context>
    <name>feedback::app::PendingInvitesPanel</name>
    <message>
        <source>Full device</source>
        <translation>Dispositivo completo</translation>
    </message>
    <message>
        <source>Kiosk “%1”</source>
        <translation>Quiosco «%1»</translation>
    </message>
    <message>
        <source>Kiosk</source>
        <translation>Quiosco</translation>
    </message>
    <message>
        <source>Pending invites</source>
        <translation>Invitaciones pendientes</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Válida hasta</translation>
    </message>
    <message>
        <source>Uses left</source>
        <translation>Usos restantes</translation>
    </message>
    <message>
        <source>No pending invites: an invite made here shows once the relay holds it.</source>
        <translation>No hay invitaciones pendientes: una invitación creada aquí aparece cuando el relé la guarda.</translation>
    </message>
    <message>
        <source>C&amp;ancel invite…</source>
        <translation>&amp;Anular invitación…</translation>
    </message>
    <message>
        <source>The relay did not cancel the invite: %1</source>
        <translation>El relé no anuló la invitación: %1</translation>
    </message>
    <message>
        <source>cancelling…</source>
        <translation>anulando…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>Cancel the invite for “%1”, valid until %2? Its code will no longer let anyone join; devices that joined with it stay.</source>
        <translation>¿Anular la invitación para «%1», válida hasta %2? Su código ya no permitirá unirse a nadie; los dispositivos que se unieron con él se quedan.</translation>
    </message>
    <message>
        <source>Cancel an invite</source>
        <translation>Anular una invitación</translation>
    </message>
    <message>
        <source>Cancel the invite</source>
        <translation>Anular la invitación</translation>
    </message>
</context>
<context>
    <name>feedback::app::PresenceLine</name>
    <message>
        <source>Another dispatcher</source>
        <translation>Otra persona del despacho</translation>
    </message>
    <message>
        <source>%1 is writing on this record</source>
        <translation>%1 está escribiendo en este registro</translation>
    </message>
    <message>
        <source>%1 is on this record</source>
        <translation>%1 está en este registro</translation>
    </message>
    <message>
        <source>%1 and %2 are on this record</source>
        <translation>%1 y %2 están en este registro</translation>
    </message>
    <message numerus="yes">
        <source>%1, %2 and %n other(s) are on this record</source>
        <translation>
            <numerusform>%1, %2 y %n persona más están en este registro</numerusform>
            <numerusform>%1, %2 y %n personas más están en este registro</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>feedback::app::RecordAlerts</name>
    <message numerus="yes">
        <source>%n rating(s) need attention</source>
        <translation>
            <numerusform>%n valoración requiere atención</numerusform>
            <numerusform>%n valoraciones requieren atención</numerusform>
        </translation>
    </message>
    <message>
        <source>Low ratings or requests to be contacted arrived from other devices.</source>
        <translation>Han llegado valoraciones bajas o peticiones de contacto desde otros dispositivos.</translation>
    </message>
    <message>
        <source>(erased)</source>
        <translation>(borrado)</translation>
    </message>
    <message>
        <source>A customer asks to be contacted</source>
        <translation>Un cliente pide que lo contacten</translation>
    </message>
    <message numerus="yes">
        <source>New %n-star rating</source>
        <translation>
            <numerusform>Nueva valoración de %n estrella</numerusform>
            <numerusform>Nueva valoración de %n estrellas</numerusform>
        </translation>
    </message>
    <message>
        <source>Courier %1, order %2</source>
        <translation>Repartidor %1, pedido %2</translation>
    </message>
    <message>
        <source>The customer asks to be contacted.</source>
        <translation>El cliente pide que lo contacten.</translation>
    </message>
</context>
<context>
    <name>feedback::app::RecordDetailPane</name>
    <message>
        <source>Dispatcher</source>
        <translation>Despacho</translation>
    </message>
    <message>
        <source>Retract feedback</source>
        <translation>Retirar opinión</translation>
    </message>
    <message>
        <source>Retracted feedback stays in the log but leaves analytics on every device. Retract it?</source>
        <translation>Una opinión retirada queda en el registro, pero sale del análisis en todos los dispositivos. ¿Retirarla?</translation>
    </message>
    <message>
        <source>Retract</source>
        <translation>Retirar</translation>
    </message>
    <message>
        <source>Order %1 · courier %2</source>
        <translation>Pedido %1 · repartidor %2</translation>
    </message>
    <message>
        <source> (%1 of 5)</source>
        <translation> (%1 de 5)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>no comment</source>
        <translation>sin comentario</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Sincronizado</translation>
    </message>
    <message>
        <source>Saved on this device</source>
        <translation>Guardado en este dispositivo</translation>
    </message>
    <message>
        <source>entered on this device</source>
        <translation>introducido en este dispositivo</translation>
    </message>
    <message>
        <source>retracted</source>
        <translation>retirado</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message numerus="yes">
        <source>%n star(s)</source>
        <translation>
            <numerusform>%n estrella</numerusform>
            <numerusform>%n estrellas</numerusform>
        </translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(vacío)</translation>
    </message>
    <message>
        <source>Keep %1</source>
        <translation>Conservar %1</translation>
    </message>
    <message>
        <source>Keep %1 for %2</source>
        <translation>Conservar %1 para %2</translation>
    </message>
    <message>
        <source>Erase contact details</source>
        <translation>Borrar datos de contacto</translation>
    </message>
    <message>
        <source>The customer&apos;s phone number or e-mail address is removed from this record on every device; their request to be contacted stays. Erase it?</source>
        <translation>El número de teléfono o el correo electrónico del cliente se quitan de este registro en todos los dispositivos; su solicitud de contacto se mantiene. ¿Borrarlos?</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>set on %1, %2</source>
        <translation>fijado en %1, %2</translation>
    </message>
    <message>
        <source>Erase personal data</source>
        <translation>Borrar datos personales</translation>
    </message>
    <message>
        <source>The customer&apos;s comment, the order number and the contact details are removed from this record for good, on every device, and can never be written again. The rating, the reasons and your notes stay. Exports and backups made before keep what they hold. Erase?</source>
        <translation>El comentario del cliente, el número de pedido y los datos de contacto se eliminan para siempre de este registro en todos los dispositivos y no podrán volver a escribirse. La valoración, los motivos y sus notas se conservan. Las exportaciones y copias de seguridad anteriores conservan su contenido. ¿Borrar?</translation>
    </message>
    <message>
        <source>(erased)</source>
        <translation>(borrado)</translation>
    </message>
    <message>
        <source>Erased</source>
        <translation>Borrado</translation>
    </message>
    <message>
        <source>Open order %1 in the order system</source>
        <translation>Abrir el pedido %1 en el sistema de pedidos</translation>
    </message>
    <message>
        <source>No browser could open %1.</source>
        <translation>Ningún navegador pudo abrir %1.</translation>
    </message>
</context>
<context>
    <name>feedback::app::RecordHistoryBox</name>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Order number erased</source>
        <translation>Número de pedido borrado</translation>
    </message>
    <message>
        <source>%1 erased</source>
        <translation>%1: borrado</translation>
    </message>
    <message>
        <source>Note added</source>
        <translation>Nota añadida</translation>
    </message>
    <message>
        <source>Retracted</source>
        <translation>Retirado</translation>
    </message>
    <message>
        <source>%1 changed</source>
        <translation>%1: cambiado</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motivos</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>feedback::app::RecordTableModel</name>
    <message numerus="yes">
        <source>%n of 5 stars</source>
        <translation>
            <numerusform>%n de 5 estrellas</numerusform>
            <numerusform>%n de 5 estrellas</numerusform>
        </translation>
    </message>
    <message>
        <source>Synced</source>
        <translation>Sincronizado</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Guardado</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Pedido</translation>
    </message>
    <message>
        <source>Courier</source>
        <translation>Repartidor</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>Valoración</translation>
    </message>
    <message>
        <source>Reasons</source>
        <translation>Motivos</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comentario</translation>
    </message>
    <message>
        <source>Synced with the other devices</source>
        <translation>Sincronizado con los demás dispositivos</translation>
    </message>
    <message>
        <source>Saved on this device, not yet synced</source>
        <translation>Guardado en este dispositivo, aún sin sincronizar</translation>
    </message>
    <message>
        <source>Conflict: edited on two devices at once. Open it to keep one value.</source>
        <translation>Conflicto: editado en dos dispositivos a la vez. Ábralo para conservar un valor.</translation>
    </message>
    <message>
        <source>Retracted: left out of analytics and exports.</source>
        <translation>Retirado: excluido de los análisis y las exportaciones.</translation>
    </message>
    <message>
        <source>(erased)</source>
        <translation>(borrado)</translation>
    </message>
</context>
<context>
    <name>feedback::app::ReportDialog</name>
    <message>
        <source>Export report</source>
        <translation>Exportar informe</translation>
    </message>
    <message>
        <source>A PDF with the figures and charts of the period, the ten worst couriers with the comments customers allowed to publish, and the follow-ups still open.</source>
        <translation>Un PDF con las cifras y gráficos del periodo, los diez peores repartidores con los comentarios que los clientes permitieron publicar y los seguimientos aún abiertos.</translation>
    </message>
    <message>
        <source>First day of the report</source>
        <translation>Primer día del informe</translation>
    </message>
    <message>
        <source>Last day of the report</source>
        <translation>Último día del informe</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Desde</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Hasta</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportar…</translation>
    </message>
    <message>
        <source>The period ends before it starts: choose a first day on or before the last.</source>
        <translation>El periodo termina antes de empezar: elija un primer día igual o anterior al último.</translation>
    </message>
</context>
<context>
    <name>feedback::app::SettingsDialog</name>
    <message>
        <source>As the system</source>
        <translation>Como el sistema</translation>
    </message>
    <message>
        <source>None set: anyone can leave the kiosk</source>
        <translation>Sin PIN: cualquiera puede salir del quiosco</translation>
    </message>
    <message>
        <source>The relay address must start with wss:// (or ws:// on a trusted network).</source>
        <translation>La dirección del relay debe empezar por wss:// (o ws:// en una red de confianza).</translation>
    </message>
    <message>
        <source>A kiosk PIN has 4 to 12 digits.</source>
        <translation>Un PIN de quiosco tiene de 4 a 12 dígitos.</translation>
    </message>
    <message>
        <source>Reset this device? Its profile, keys and local copy of the feedback are deleted. Everything it entered has reached the relay.</source>
        <translation>¿Restablecer este dispositivo? Se borrarán su perfil, sus claves y la copia local de las opiniones. Todo lo introducido aquí ya ha llegado al relay.</translation>
    </message>
    <message numerus="yes">
        <source>Reset this device? %n record(s) entered here have NOT reached the relay yet and would be lost.</source>
        <translation>
            <numerusform>¿Restablecer este dispositivo? %n registro introducido aquí AÚN NO ha llegado al relay y se perdería.</numerusform>
            <numerusform>¿Restablecer este dispositivo? %n registros introducidos aquí AÚN NO han llegado al relay y se perderían.</numerusform>
        </translation>
    </message>
    <message>
        <source>Reset this device</source>
        <translation>Restablecer este dispositivo</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Restablecer</translation>
    </message>
    <message>
        <source>Delete unsynced feedback?</source>
        <translation>¿Borrar las opiniones sin sincronizar?</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n record(s) that exist only on this device? This cannot be undone.</source>
        <translation>
            <numerusform>¿Borrar %n registro que solo existe en este dispositivo? No se puede deshacer.</numerusform>
            <numerusform>¿Borrar %n registros que solo existen en este dispositivo? No se puede deshacer.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete them and reset</source>
        <translation>Borrarlas y restablecer</translation>
    </message>
    <message>
        <source>Kiosks and field laptops: synced feedback older than this leaves this device (the relay and the other devices keep it). A dispatcher desk keeps everything.</source>
        <translation>Quioscos y portátiles de campo: las opiniones sincronizadas más antiguas se eliminan de este dispositivo (el relay y los demás dispositivos las conservan). Un puesto de despacho lo conserva todo.</translation>
    </message>
    <message>
        <source>Enter the relay address, or untick &quot;Sync with the relay&quot; to keep the feedback on this device.</source>
        <translation>Escriba la dirección del relay o desmarque «Sincronizar con el relay» para dejar las opiniones en este dispositivo.</translation>
    </message>
    <message>
        <source>Found by themselves; else address:port (this device: port %1)</source>
        <translation>Se encuentran solos; si no, dirección:puerto (este dispositivo: puerto %1)</translation>
    </message>
    <message>
        <source>Found by themselves; else address:port</source>
        <translation>Se encuentran solos; si no, dirección:puerto</translation>
    </message>
    <message>
        <source>Name a nearby device as address:port, for example 192.168.1.20:47300 (&quot;%1&quot; is not).</source>
        <translation>Indique un dispositivo cercano como dirección:puerto, por ejemplo 192.168.1.20:47300 («%1» no lo es).</translation>
    </message>
</context>
<context>
    <name>feedback::app::StarRating</name>
    <message>
        <source>Rating</source>
        <translation>Valoración</translation>
    </message>
    <message numerus="yes">
        <source>%n of 5 stars</source>
        <translation>
            <numerusform>%n de 5 estrellas</numerusform>
            <numerusform>%n de 5 estrellas</numerusform>
        </translation>
    </message>
    <message>
        <source>No rating yet</source>
        <translation>Aún sin valoración</translation>
    </message>
</context>
<context>
    <name>feedback::app::StatusDot</name>
    <message>
        <source>Status light for staff</source>
        <translation>Indicador de estado para el personal</translation>
    </message>
</context>
<context>
    <name>feedback::app::SyncPanel</name>
    <message>
        <source>none set</source>
        <translation>sin definir</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>&amp;Retry now</source>
        <translation>&amp;Reintentar ahora</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>&amp;Sincronizar ahora</translation>
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
        <translation>Sincronización: %1</translation>
    </message>
    <message>
        <source>Click for sync details</source>
        <translation>Hacer clic para ver los detalles de sincronización</translation>
    </message>
</context>
</TS>
