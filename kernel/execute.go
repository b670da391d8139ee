package kernel

import (
	"time"

	"fastgo/stdlib/display"
)

// executeRequest is the content of an execute_request. Pointer fields
// default to true when absent.
type executeRequest struct {
	Code            string            `json:"code"`
	Silent          bool              `json:"silent"`
	StoreHistory    *bool             `json:"store_history"`
	UserExpressions map[string]string `json:"user_expressions"`
	AllowStdin      *bool             `json:"allow_stdin"`
	StopOnError     *bool             `json:"stop_on_error"`
}

func orTrue(b *bool) bool { return b == nil || *b }

// handleExecute runs one cell. A request that arrived before the end of a
// failed cell run with stop_on_error gets an "aborted" reply without
// running, as ipykernel does.
func (k *Kernel) handleExecute(c *channel, q queued) {
	m := q.msg
	if q.arrived.Before(k.abortBefore) {
		k.log.Info("aborted an execute_request queued behind a failed cell", "msg_id", m.Header.MsgID)
		k.reply(c, m, "execute_reply", map[string]any{"status": "aborted", "execution_count": k.count})
		return
	}
	var req executeRequest
	if err := m.DecodeContent(&req); err != nil {
		k.replyError(c, m, "execute_reply", err)
		return
	}
	storeHistory := orTrue(req.StoreHistory) && !req.Silent
	if storeHistory {
		k.count++
	}
	if !req.Silent {
		k.publish("execute_input", m, map[string]any{"code": req.Code, "execution_count": k.count})
	}

	out := &cellOutput{k: k, parent: m, allowStdin: orTrue(req.AllowStdin), silent: req.Silent}
	k.executing.Store(true)
	res := k.eval.Execute(req.Code, out)
	k.executing.Store(false)

	if storeHistory {
		k.history.add(k.count, req.Code, plainText(res.Value))
	}
	if res.Error != nil {
		k.failCell(c, m, res.Error, orTrue(req.StopOnError), req.Silent)
		return
	}
	if res.Value != nil && !req.Silent {
		k.publish("execute_result", m, map[string]any{
			"execution_count": k.count,
			"data":            res.Value.Data,
			"metadata":        orEmptyMap(res.Value.Metadata),
		})
	}
	k.reply(c, m, "execute_reply", map[string]any{
		"status":           "ok",
		"execution_count":  k.count,
		"user_expressions": k.userExpressions(req.UserExpressions),
		"payload":          []any{},
	})
}

// failCell publishes the cell's error unless silent and sends the error
// reply. With stopOnError, execute requests that arrived until now are
// aborted.
func (k *Kernel) failCell(c *channel, m *Message, e *CellError, stopOnError, silent bool) {
	traceback := e.Traceback
	if traceback == nil {
		traceback = []string{}
	}
	if !silent {
		k.publish("error", m, map[string]any{"ename": e.Name, "evalue": e.Value, "traceback": traceback})
	}
	k.reply(c, m, "execute_reply", map[string]any{
		"status":          "error",
		"execution_count": k.count,
		"ename":           e.Name,
		"evalue":          e.Value,
		"traceback":       traceback,
	})
	if stopOnError {
		k.abortBefore = time.Now()
	}
}

// userExpressions evaluates each expression after the cell and returns
// the results keyed by name, as execute_reply's user_expressions.
func (k *Kernel) userExpressions(exprs map[string]string) map[string]any {
	results := make(map[string]any, len(exprs))
	for name, expr := range exprs {
		res := k.eval.Execute(expr, discardOutput{})
		switch {
		case res.Error != nil:
			results[name] = map[string]any{"status": "error", "ename": res.Error.Name,
				"evalue": res.Error.Value, "traceback": res.Error.Traceback}
		case res.Value != nil:
			results[name] = map[string]any{"status": "ok", "data": res.Value.Data,
				"metadata": orEmptyMap(res.Value.Metadata)}
		default:
			results[name] = map[string]any{"status": "ok", "data": map[string]any{}, "metadata": map[string]any{}}
		}
	}
	return results
}

func orEmptyMap(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// plainText returns the text/plain form of a result, or "" for none.
func plainText(d *display.Data) string {
	if d == nil {
		return ""
	}
	s, _ := d.Data[display.MIMEText].(string)
	return s
}

// cellOutput sends a running cell's output on iopub with the
// execute_request as parent. Its methods are safe for concurrent use.
type cellOutput struct {
	k          *Kernel
	parent     *Message
	allowStdin bool
	// silent drops stream and display output, because in the protocol a
	// silent request broadcasts nothing on iopub but its status.
	silent bool
}

func (o *cellOutput) Stream(name, text string) {
	if o.silent {
		return
	}
	o.k.publish("stream", o.parent, map[string]any{"name": name, "text": text})
}

func (o *cellOutput) Display(d display.Data, displayID string, update bool) {
	if o.silent {
		return
	}
	msgType := "display_data"
	if update {
		msgType = "update_display_data"
	}
	content := map[string]any{"data": orEmptyMap(d.Data), "metadata": orEmptyMap(d.Metadata)}
	if displayID != "" {
		content["transient"] = map[string]any{"display_id": displayID}
	}
	o.k.publish(msgType, o.parent, content)
}

func (o *cellOutput) Input(prompt string, password bool) (string, error) {
	if !o.allowStdin {
		return "", ErrStdinNotAllowed
	}
	return o.k.stdin.request(o.parent, prompt, password)
}

// discardOutput drops output, for user expressions.
type discardOutput struct{}

func (discardOutput) Stream(name, text string)                              {}
func (discardOutput) Display(d display.Data, displayID string, update bool) {}
func (discardOutput) Input(prompt string, password bool) (string, error) {
	return "", ErrStdinNotAllowed
}
