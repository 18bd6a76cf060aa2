// The feedback form of the kiosk and the field laptop: order and courier number (a barcode
// scanner types and presses Enter), stars, reason chips, comment with a live limit, consent and
// follow-up. Mistakes are shown next to their field; nothing is stored until all is right.
#pragma once
#include <QWidget>

#include <core/FeedbackTypes.h>
#include <memory>

class QLabel;
class QPushButton;

namespace Ui {
class CaptureForm;
}

namespace feedback::app {

class AppSession;
class StarRating;

class CaptureForm : public QWidget
{
    Q_OBJECT
public:
    explicit CaptureForm(AppSession &session, QWidget *parent = nullptr);
    ~CaptureForm() override;

    void setKioskStyle(bool kiosk);
    void reset(); // empty form, no messages, focus on the order number
    bool submit();
    // The line under the form ("Saved on this device…"); a new entry clears it.
    void setStatus(const QString &text);
    QString status() const;

Q_SIGNALS:
    void submitted(const feedback::RecordId &id);
    void edited(); // the person typed, tapped or chose something

protected:
    void changeEvent(QEvent *event) override;

private:
    std::optional<NewFeedback> collect();
    void showError(QLabel *label, const QString &text);
    void clearErrors();
    void updateCounter();
    void onRatingChanged(int rating);

    AppSession &m_session;
    std::unique_ptr<Ui::CaptureForm> m_ui;
    StarRating *m_rating;
    QList<QPushButton *> m_reasons;
    bool m_followUpChosen = false; // the person set follow-up: the rating no longer presets it
};

} // namespace feedback::app
