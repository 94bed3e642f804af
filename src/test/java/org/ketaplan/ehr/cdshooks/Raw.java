package org.ketaplan.ehr.cdshooks;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.restassured.RestAssured;

/** HTTP/1.1 over a plain socket, for requests a normal client would not send (no Content-Type, odd paths). */
public final class Raw {

    private Raw() {
    }

    /** A POST without a Content-Type header; returns the status code and the whole answer. */
    public static String[] post(String path, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: "
                    + org.ketaplan.web.SignedIn.basic(org.ketaplan.web.SignedIn.CLINICIAN) + "\r\nContent-Length: "
                    + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new String[] {response.substring(9, 12), response};
        }
    }
}
