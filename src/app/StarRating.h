// Five stars to pick a rating with the mouse, a finger, or the keys 1-5 (arrows step, 0 or
// Backspace clears). Large in the kiosk, compact elsewhere; announces its value to screen readers.
#pragma once
#include <QWidget>

namespace feedback::app {

class StarRating : public QWidget
{
    Q_OBJECT
    Q_PROPERTY(int rating READ rating WRITE setRating NOTIFY ratingChanged USER true)
public:
    explicit StarRating(QWidget *parent = nullptr);
    int rating() const { return m_rating; }
    void setRating(int rating);
    void setStarSize(int pixels);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

Q_SIGNALS:
    void ratingChanged(int rating);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    int starAt(const QPoint &pos) const;
    QRectF starRect(int index) const;
    void updateAccessibleText();

    int m_rating = 0;
    int m_hover = 0;
    int m_starSize = 28;
};

} // namespace feedback::app
