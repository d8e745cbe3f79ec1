#pragma once

#include <QFile>
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace ssescope::test {

// A private CA and server certificates it signs, made by openssl at test time
// in a temporary directory (ECDSA P-256, valid for two days).
//
//     TestCertificates certs;
//     QVERIFY2(certs.makeServer(u"local"_s, u"IP:127.0.0.1"_s), qPrintable(certs.error()));
//     server.setTls(certs.certificate(u"local"_s), certs.key(u"local"_s));
//     config.caFile = certs.caFile();
class TestCertificates final
{
public:
    TestCertificates()
    {
        if (!m_dir.isValid()) {
            m_error = QStringLiteral("no temporary directory");
            return;
        }
        run({ QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
            QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
            QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
            QStringLiteral("-keyout"), path(QStringLiteral("ca.key")), QStringLiteral("-out"),
            caFile(), QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
            QStringLiteral("/CN=SSE Scope test CA"), QStringLiteral("-addext"),
            QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
            QStringLiteral("keyUsage=critical,keyCertSign,cRLSign") });
    }

    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }
    QString caFile() const { return path(QStringLiteral("ca.pem")); }
    QString path(const QString &name) const { return m_dir.filePath(name); }

    // name.pem and name.key, signed by the CA, for subjectAltName san
    // ("IP:127.0.0.1,DNS:localhost").
    bool makeServer(const QString &name, const QString &san)
    {
        if (!isValid())
            return false;
        QFile ext(path(name + QStringLiteral(".ext")));
        if (!ext.open(QIODevice::WriteOnly))
            return fail(QStringLiteral("cannot write ") + ext.fileName());
        ext.write("subjectAltName=" + san.toLatin1()
            + "\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n");
        ext.close();
        return run({ QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                   QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"),
                   QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                   path(name + QStringLiteral(".key")), QStringLiteral("-out"),
                   path(name + QStringLiteral(".csr")), QStringLiteral("-subj"),
                   QStringLiteral("/CN=") + name })
            && run({ QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                path(name + QStringLiteral(".csr")), QStringLiteral("-CA"), caFile(),
                QStringLiteral("-CAkey"), path(QStringLiteral("ca.key")),
                QStringLiteral("-set_serial"), QString::number(++m_serial), QStringLiteral("-days"),
                QStringLiteral("2"), QStringLiteral("-extfile"), ext.fileName(),
                QStringLiteral("-out"), path(name + QStringLiteral(".pem")) });
    }

    QSslCertificate certificate(const QString &name) const
    {
        QFile file(path(name + QStringLiteral(".pem")));
        return file.open(QIODevice::ReadOnly) ? QSslCertificate(&file, QSsl::Pem)
                                              : QSslCertificate();
    }
    QSslKey key(const QString &name) const
    {
        QFile file(path(name + QStringLiteral(".key")));
        return file.open(QIODevice::ReadOnly) ? QSslKey(&file, QSsl::Ec, QSsl::Pem) : QSslKey();
    }

private:
    bool fail(const QString &why)
    {
        m_error = why;
        return false;
    }
    bool run(const QStringList &arguments)
    {
        QProcess openssl;
        openssl.setProcessChannelMode(QProcess::MergedChannels);
        openssl.start(QStringLiteral("openssl"), arguments);
        if (!openssl.waitForFinished(20000) || openssl.exitStatus() != QProcess::NormalExit
            || openssl.exitCode() != 0) {
            return fail(QStringLiteral("openssl %1 failed (packaging/install-deps.sh installs "
                                       "openssl): %2 %3")
                            .arg(arguments.first(), openssl.errorString(),
                                QString::fromLocal8Bit(openssl.readAll())));
        }
        return true;
    }

    QTemporaryDir m_dir;
    QString m_error;
    int m_serial = 1;
};

} // namespace ssescope::test
