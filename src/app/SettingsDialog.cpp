#include "SettingsDialog.h"

#include "AppLanguage.h"
#include "AppSession.h"
#include "AppSettings.h"
#include "DevicesDialog.h"
#include "DialogService.h"
#include "FirstStartDialog.h"
#include "OrderLink.h"
#include "SyncWords.h"
#include "ui_SettingsDialog.h"

#include <QPushButton>
#include <QRegularExpression>

#include <sync/Enrolment.h>
#include <sync/PeerNetwork.h>
#include <sync/RelayUrl.h>
#include <sync/SyncClient.h>

namespace feedback::app {

SettingsDialog::SettingsDialog(AppSession &session, DialogService &dialogs, AppMode current,
                               QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_dialogs(dialogs)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
{
    m_ui->setupUi(this);
    fillModeCombo(m_ui->modeCombo, current);
    m_ui->modeCombo->setEnabled(!session.isKioskDevice()); // enrolled as a kiosk: only a kiosk
    m_ui->nameEdit->setText(session.deviceName());
    m_ui->relayEdit->setText(
        (QStringList{session.relayUrl()} + session.fallbackRelays()).join(QLatin1Char(' ')));
    m_ui->syncCheck->setChecked(session.profile().get(settings::kSyncEnabled));
    m_ui->insecureCheck->setChecked(session.profile().get(store::settings::kInsecure));
    m_ui->nearbyCheck->setChecked(session.profile().get(settings::kNearbySync) &&
                                  !session.isKioskDevice());
    m_ui->nearbyCheck->setEnabled(!session.isKioskDevice()); // a kiosk is given nothing
    m_ui->nearbyPeersEdit->setText(session.profile().get(settings::kNearbyPeers));
    m_ui->nearbyPeersEdit->setEnabled(!session.isKioskDevice());
    // What another device names this one by.
    m_ui->nearbyPeersEdit->setPlaceholderText(
        session.nearbyPort() != 0
            ? tr("Found by themselves; else address:port (this device: port %1)")
                  .arg(session.nearbyPort())
            : tr("Found by themselves; else address:port"));
    m_ui->retentionSpin->setValue(session.profile().get(settings::kRetentionDays));
    m_ui->languageCombo->addItem(tr("As the system"), QString());
    for (const auto &[code, name] : AppLanguage::available())
        m_ui->languageCombo->addItem(name, code);
    m_ui->languageCombo->setCurrentIndex(
        qMax(0, m_ui->languageCombo->findData(session.profile().get(settings::kLanguage))));
    m_ui->retentionSpin->setToolTip(
        tr("Kiosks and field laptops: synced feedback older than this leaves this device (the "
           "relay and the other devices keep it). A dispatcher desk keeps everything."));
    m_ui->orderLinkEdit->setText(session.profile().get(settings::kOrderLink));
    m_ui->alertsCheck->setChecked(session.profile().get(settings::kAlerts));
    if (session.kioskPin().isEmpty())
        m_ui->pinEdit->setPlaceholderText(tr("None set: anyone can leave the kiosk"));
    // Invites (expiring, held by the relay) are made in Devices… (InvitePanel).
    connect(m_ui->devicesButton, &QPushButton::clicked, this, &SettingsDialog::openDevices);
    connect(m_ui->resetButton, &QPushButton::clicked, this, &SettingsDialog::requestReset);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    m_ui->buttonBox->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveButton"));
    showError(QString());
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::showError(const QString &text)
{
    m_ui->errorLabel->setText(text);
    m_ui->errorLabel->setVisible(!text.isEmpty());
}

void SettingsDialog::accept()
{
    SettingsChoices c;
    c.mode = appModeFromName(m_ui->modeCombo->currentData().toString()).value_or(AppMode::Field);
    c.deviceName = m_ui->nameEdit->text().trimmed();
    // Several addresses (relays of one database): the first, then the others in turn.
    const QStringList relays = m_ui->relayEdit->text().split(
        QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts);
    c.relayUrl = relays.value(0);
    c.fallbackRelays = relays.mid(1);
    c.syncEnabled = m_ui->syncCheck->isChecked();
    c.insecure = m_ui->insecureCheck->isChecked();
    c.nearbySync = m_ui->nearbyCheck->isChecked();
    c.nearbyPeers = m_ui->nearbyPeersEdit->text().split(
        QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts);
    for (const QString &peer : std::as_const(c.nearbyPeers)) {
        if (!sync::PeerAddress::parse(peer)) {
            showError(tr("Name a nearby device as address:port, for example 192.168.1.20:47300 "
                         "(\"%1\" is not).")
                          .arg(peer.left(64)));
            m_ui->nearbyPeersEdit->setFocus();
            return;
        }
    }
    c.newPin = m_ui->pinEdit->text();
    c.retentionDays = m_ui->retentionSpin->value();
    c.language = m_ui->languageCombo->currentData().toString();
    c.orderLink = m_ui->orderLinkEdit->text().trimmed();
    c.alerts = m_ui->alertsCheck->isChecked();
    if (const QString problem = OrderLink::problem(c.orderLink); !problem.isEmpty()) {
        showError(problem);
        m_ui->orderLinkEdit->setFocus();
        return;
    }
    for (const QString &relay : relays) {
        if (!sync::SyncClient::isRelayUrl(relay)) {
            showError(
                tr("The relay address must start with wss:// (or ws:// on a trusted network)."));
            m_ui->relayEdit->setFocus();
            return;
        }
        if (!sync::RelayUrl::check(relay, c.insecure)) {
            showError(insecureRelayMessage(QUrl(relay).host()));
            m_ui->relayEdit->setFocus();
            return;
        }
    }
    if (c.syncEnabled && c.relayUrl.isEmpty()) {
        // Sync without a relay would say "Offline" for ever.
        showError(tr("Enter the relay address, or untick \"Sync with the relay\" to keep the "
                     "feedback on this device."));
        m_ui->relayEdit->setFocus();
        return;
    }
    if (c.mode == AppMode::Kiosk && c.newPin.isEmpty() && m_session.kioskPin().isEmpty()) {
        showError(kioskPinRule());
        m_ui->pinEdit->setFocus();
        return;
    }
    if (!c.newPin.isEmpty() && !isKioskPin(c.newPin)) {
        showError(tr("A kiosk PIN has 4 to 12 digits."));
        m_ui->pinEdit->setFocus();
        return;
    }
    Q_EMIT saved(c);
    QDialog::accept();
}

DevicesDialog *SettingsDialog::openDevices()
{
    auto *dialog = new DevicesDialog(m_session, m_dialogs, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void SettingsDialog::requestReset()
{
    const qint64 unsynced = m_session.pendingCount();
    const QString text =
        unsynced == 0
            ? tr("Reset this device? Its profile, keys and local copy of the feedback are "
                 "deleted. Everything it entered has reached the relay.")
            : tr("Reset this device? %n record(s) entered here have NOT reached the relay yet "
                 "and would be lost.",
                 nullptr, static_cast<int>(unsynced));
    m_dialogs.confirm(this, tr("Reset this device"), text, tr("Reset"), [this, unsynced](bool yes) {
        if (!yes)
            return;
        if (unsynced == 0) {
            Q_EMIT resetConfirmed();
            return;
        }
        // Unsynced feedback exists nowhere else: ask once more, in plain words.
        m_dialogs.confirm(this, tr("Delete unsynced feedback?"),
                          tr("Delete %n record(s) that exist only on this device? This cannot "
                             "be undone.",
                             nullptr, static_cast<int>(unsynced)),
                          tr("Delete them and reset"), [this](bool really) {
                              if (really)
                                  Q_EMIT resetConfirmed();
                          });
    });
}

} // namespace feedback::app
