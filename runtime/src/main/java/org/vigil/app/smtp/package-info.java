/**
 * SMTP application layer as Suricata 7 parses it: {@link org.vigil.app.smtp.SmtpProtocol}
 * (registered; {@link org.vigil.app.smtp.SmtpDetection}, a client opening with EHLO, HELO or QUIT)
 * makes one {@link org.vigil.app.smtp.SmtpLayer} per connection, whose {@link
 * org.vigil.app.smtp.SmtpParser} reads commands and replies into {@link
 * org.vigil.app.smtp.SmtpTransaction}s (EVE {@code smtp}: helo, mail_from, rcpt_to) and the mail
 * data through a {@link org.vigil.app.smtp.MimeParser}, whose decoded attachments are inspected as
 * {@code file.data}. A STARTTLS answered 220 hands the connection to TLS.
 */
package org.vigil.app.smtp;
