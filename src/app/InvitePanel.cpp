#include "InvitePanel.h"

#include "AppSession.h"

#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace feedback::app {

namespace {
constexpr qint64 kMinuteMs = 60 * 1000;
} // namespace

InvitePanel::InvitePanel(AppSession &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("invitePanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *row = new QHBoxLayout;
    auto *expiryLabel = new QLabel(tr("Invite valid for:"));
    m_expiryCombo = new QComboBox;
    m_expiryCombo->setObjectName(QStringLiteral("inviteExpiryCombo"));
    m_expiryCombo->addItem(tr("15 minutes"), 15 * kMinuteMs);
    m_expiryCombo->addItem(tr("1 hour"), 60 * kMinuteMs);
    m_expiryCombo->addItem(tr("24 hours"), 24 * 60 * kMinuteMs);
    m_expiryCombo->addItem(tr("7 days"), 7 * 24 * 60 * kMinuteMs);
    m_expiryCombo->setCurrentIndex(2);
    expiryLabel->setBuddy(m_expiryCombo);
    m_fullButton = new QPushButton(tr("&Invite a full device"));
    m_fullButton->setObjectName(QStringLiteral("inviteFullButton"));
    m_kioskButton = new QPushButton(tr("Invite a &kiosk"));
    m_kioskButton->setObjectName(QStringLiteral("inviteKioskButton"));
    row->addWidget(expiryLabel);
    row->addWidget(m_expiryCombo);
    row->addWidget(m_fullButton);
    row->addWidget(m_kioskButton);
    row->addStretch(1);
    layout->addLayout(row);

    m_statusLabel = new QLabel;
    m_statusLabel->setObjectName(QStringLiteral("inviteStatusLabel"));
    m_statusLabel->setWordWrap(true);
    m_statusLabel->setTextFormat(Qt::PlainText); // may hold the relay's words
    m_statusLabel->hide();
    layout->addWidget(m_statusLabel);

    m_codeBox = new QWidget;
    m_codeBox->setObjectName(QStringLiteral("inviteBox"));
    auto *codeRow = new QHBoxLayout(m_codeBox);
    codeRow->setContentsMargins(0, 0, 0, 0);
    m_codeEdit = new QLineEdit;
    m_codeEdit->setObjectName(QStringLiteral("inviteEdit"));
    m_codeEdit->setReadOnly(true);
    m_codeEdit->setAccessibleName(tr("Invite code"));
    auto *copyButton = new QPushButton(tr("&Copy"));
    copyButton->setObjectName(QStringLiteral("copyInviteButton"));
    codeRow->addWidget(m_codeEdit, 1);
    codeRow->addWidget(copyButton);
    m_codeBox->hide();
    layout->addWidget(m_codeBox);

    const bool full = m_session.isFullDevice();
    for (QPushButton *button : {m_fullButton, m_kioskButton}) {
        button->setEnabled(full);
        if (!full)
            button->setToolTip(tr("Only a full device can invite devices."));
    }
    connect(m_fullButton, &QPushButton::clicked, this, [this] { request(protocol::Role::Full); });
    connect(m_kioskButton, &QPushButton::clicked, this, [this] { request(protocol::Role::Kiosk); });
    connect(copyButton, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(m_codeEdit->text()); });
    connect(&m_session, &AppSession::inviteReady, this,
            [this](const QByteArray &id, const QString &code, qint64 expiresAtMs) {
                if (id == m_waitingFor)
                    showCode(code, expiresAtMs);
            });
    connect(&m_session, &AppSession::inviteFailed, this,
            [this](const QByteArray &id, const QString &reason) {
                if (id != m_waitingFor)
                    return;
                m_waitingFor.clear();
                m_statusLabel->hide();
                Q_EMIT failed(tr("The relay did not take the invite: %1").arg(reason));
            });
}

void InvitePanel::request(protocol::Role role)
{
    const auto id = m_session.requestInvite(role, m_expiryCombo->currentData().toLongLong());
    if (!id) {
        Q_EMIT failed(id.error());
        return;
    }
    Q_EMIT failed(QString());
    m_waitingFor = *id;
    m_role = role;
    m_codeBox->hide();
    m_statusLabel->setText(tr("Waiting for the relay to take the invite…"));
    m_statusLabel->show();
}

void InvitePanel::showCode(const QString &code, qint64 expiresAtMs)
{
    const QString until =
        QLocale().toString(QDateTime::fromMSecsSinceEpoch(expiresAtMs), QLocale::ShortFormat);
    m_statusLabel->setText(m_role == protocol::Role::Kiosk
                               ? tr("Invite code for one kiosk, valid until %1:").arg(until)
                               : tr("Invite code for one full device, valid until %1. Whoever "
                                    "joins with it can read and write this workspace's "
                                    "feedback:")
                                     .arg(until));
    m_codeEdit->setText(code);
    m_codeBox->show();
    m_codeEdit->selectAll();
    m_codeEdit->setFocus();
}

} // namespace feedback::app
