/** http.HTTPStatus: the reason phrase and the long description send_error puts in its page. */
export const HTTP_STATUS: Readonly<Record<number, readonly [string, string]>> = {
  200: ['OK', 'Request fulfilled, document follows'],
  301: ['Moved Permanently', 'Object moved permanently -- see URI list'],
  304: ['Not Modified', 'Document has not changed since given time'],
  400: ['Bad Request', 'Bad request syntax or unsupported method'],
  404: ['Not Found', 'Nothing matches the given URI'],
  414: ['Request-URI Too Long', 'URI is too long'],
  501: ['Not Implemented', 'Server does not support this operation'],
  505: ['HTTP Version Not Supported', 'Cannot fulfill request'],
};

/** http.server's DEFAULT_ERROR_MESSAGE. */
export function errorPage(code: number, message: string, explain: string): string {
  return `<!DOCTYPE HTML>
<html lang="en">
    <head>
        <meta charset="utf-8">
        <title>Error response</title>
    </head>
    <body>
        <h1>Error response</h1>
        <p>Error code: ${code}</p>
        <p>Message: ${message}.</p>
        <p>Error code explanation: ${code} - ${explain}.</p>
    </body>
</html>
`;
}
