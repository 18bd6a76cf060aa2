// One device's conversation with a nearby device of its workspace (PROTOCOL.md, "Nearby
// devices"), over one WebSocket: the listener's challenge, answered with a MAC under the
// workspace's discovery key (the gate); then the listener's hello, the dialler's hello and
// challenge, and each side proves its device key over the other's challenge (a proof of its
// own context, so that neither can pass it on to a relay) and shows a certificate of the
// workspace; then both send their device list and version vector (`have`),
// and each gives the other exactly the units it lacks, in bounded batches, one unanswered at a
// time (the other answers each with `pull`), ending with `caught-up`; after that new units go
// both ways the same way as they come. No relay positions are involved. A kiosk gives its own
// units and is given nothing.
#pragma once

#include "DeviceTrust.h"
#include "PeerTrust.h"
#include "PresenceNote.h"
#include "UnitKeeper.h"
#include "WorkspaceKeys.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <map>
#include <optional>
#include <protocol/DeviceCertificate.h>
#include <protocol/Messages.h>
#include <store/FeedbackStore.h>

class QWebSocket;

namespace feedback::sync {

class PeerSession : public QObject
{
    Q_OBJECT
public:
    // A peer that does not answer a batch (or the handshake) within this long, or is not heard
    // at all for three keepalive intervals, is closed.
    static constexpr int kAnswerTimeoutMs = 15000;
    static constexpr int kKeepaliveMs = 10000;

    // `socket`: accepted by the listener (open) or dialled (opening); owned from now on.
    // `trust` and `keeper` are the PeerNetwork's, shared by its sessions (they outlive them).
    PeerSession(store::FeedbackStore &store, WorkspaceKeys keys, UnitKeeper &keeper,
                PeerTrust &trust, QWebSocket *socket, bool dialledHere, QObject *parent = nullptr);
    ~PeerSession() override;

    // Before start(): how long a batch (or the handshake) may wait for its answer.
    void setAnswerTimeout(int ms) { m_answer.setInterval(ms); }
    void start();
    // Something new may be there to give (a local change, units from the relay or another peer).
    void offer();
    void close(const QString &reason);

    bool isAuthenticated() const { return m_peerAuthed && m_authSent; }
    // Each side gave the other everything it had when asked (and goes on live).
    bool isSynced() const { return m_synced; }
    const QByteArray &peerDevice() const { return m_peer.device; }
    QString peerName() const { return m_peer.name; }
    protocol::Role peerRole() const { return m_peer.role; }
    // Where the socket leads, for events ("127.0.0.1:4711"); kept once known.
    QString address() const;
    bool dialledHere() const { return m_dialledHere; }
    // The address dialled, until the socket knows its own.
    void setAddress(const QString &address) { m_address = address; }
    // The device that dialled this connection.
    QByteArray dialler() const { return m_dialledHere ? m_device : m_peer.device; }
    // PeerPresence.cpp: tells the peer where this device's dispatcher is; false when it cannot
    // (not authenticated, a kiosk on either side, a peer of the release before presence).
    bool sendPresence(const PresenceNote &note);

Q_SIGNALS:
    void authenticated();
    void synced();
    // Units of the peer applied here (not kept yet: PeerNetwork keeps them for other peers).
    void received(const QList<protocol::SealedDelta> &units);
    void closed(const QString &reason);
    // The peer's presence note, opened as the peer's (PresenceBoard).
    void presenceArrived(const QByteArray &device, const std::optional<PresenceNote> &note);

private:
    void onOpened();
    // This side's hello; false when it has no certificate (the session is closed).
    bool introduce();
    void onFrame(const QByteArray &frame);
    // Before anything else: the listener's challenge, answered with the workspace's gate.
    void onGate(const protocol::Message &m);
    void onHello(const protocol::Hello &hello);
    void onChallenge(const protocol::Challenge &challenge);
    void onAuth(const protocol::Auth &auth);
    void onHave(const protocol::Have &have);
    void onDeltas(const protocol::Deltas &deltas);
    void onPull();
    void onPresence(const protocol::Presence &presence);
    void begin();
    void checkSynced();
    // The units the peer lacks, from where its version vector says (one batch).
    QList<protocol::SealedDelta> lacking();
    void refuse(protocol::ErrorCode code, const QString &text);
    void send(const protocol::Message &message);
    void onKeepalive();

    store::FeedbackStore &m_store;
    WorkspaceKeys m_keys; // declared before the trusts, which refer to it
    UnitKeeper &m_keeper;
    QWebSocket *m_socket;
    bool m_dialledHere;
    mutable QString m_address;
    DeviceTrust m_deviceTrust; // this device's key, and what signs its own units
    PeerTrust &m_trust;
    QByteArray m_device;
    QByteArray m_secretKey;
    QByteArray m_certificate;
    QByteArray m_nonce;     // the challenge this side sent
    QByteArray m_peerNonce; // the listener's, which the dialler's proof signs
    bool m_gatePassed = false;
    protocol::DeviceCertificate m_peer;
    bool m_helloReceived = false;
    bool m_peerTakesPresence = false; // its hello said kPeerPresenceVersion
    bool m_peerAuthed = false;
    bool m_authSent = false;
    bool m_begun = false;
    bool m_haveReceived = false;
    std::map<QByteArray, quint64> m_peerHas; // what the peer holds, as far as this side knows
    bool m_inFlight = false;
    bool m_caughtUpSent = false;
    bool m_caughtUpReceived = false;
    bool m_synced = false;
    bool m_closed = false;
    QTimer m_answer;
    QTimer m_keepalive;
    QElapsedTimer m_heard;
};

} // namespace feedback::sync
