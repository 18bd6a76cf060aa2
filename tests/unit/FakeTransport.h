// A sync transport without sockets for the session's tests: records what the session sends and
// feeds it what a relay (honest or not) would answer.
#pragma once

#include <QList>

#include <protocol/Messages.h>
#include <sync/SyncTransport.h>

namespace feedback::test {

using namespace feedback::protocol;

class FakeTransport : public sync::SyncTransport
{
public:
    QList<Message> sent;
    bool open_ = false;
    bool closeLater = false; // close() reports nothing: reportClosed() does, later

    void open() override
    {
        open_ = true;
        Q_EMIT opened();
    }
    void close() override
    {
        if (open_) {
            open_ = false;
            if (!closeLater)
                Q_EMIT closed(QStringLiteral("closed by the session"));
        }
    }
    void send(const QByteArray &frame) override
    {
        sent.append(*decode(frame, 1 << 26, 1 << 16).message);
    }
    void deliver(const Message &m) { Q_EMIT frameReceived(encode(m)); }
    void reportClosed() { Q_EMIT closed(QStringLiteral("closed late")); } // a late report
    template <class T> QList<T> sentOf() const
    {
        QList<T> out;
        for (const Message &m : sent)
            if (const auto *x = std::get_if<T>(&m))
                out.append(*x);
        return out;
    }
};

} // namespace feedback::test
