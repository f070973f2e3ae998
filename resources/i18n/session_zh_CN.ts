<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>compare</name>
    <message>
        <source>without {tensors}</source>
        <translation>未使用 {tensors}</translation>
    </message>
    <message>
        <source>p = {value} at {where} has no finite logit (BCELoss clamps its log at −100; the logit losses cannot)</source>
        <translation>{where} 处的 p = {value} 没有有限的 logit（BCELoss 把 log 截断在 −100；基于 logits 的损失函数做不到）</translation>
    </message>
    <message>
        <source>on logit(p) of the probabilities</source>
        <translation>作用于概率的 logit(p)</translation>
    </message>
    <message>
        <source>SoftMargin on 2y − 1</source>
        <translation>SoftMargin（目标 2y − 1）</translation>
    </message>
    <message>
        <source>CE on [0, z]</source>
        <translation>CE 作用于 [0, z]</translation>
    </message>
    <message>
        <source>one class per row</source>
        <translation>每行一个类别</translation>
    </message>
    <message>
        <source>targets 2y − 1</source>
        <translation>目标为 2y − 1</translation>
    </message>
    <message>
        <source>needs ±1 targets; these are soft</source>
        <translation>需要 ±1 目标；这些是软目标</translation>
    </message>
    <message>
        <source>several labels per row: no single class</source>
        <translation>每行有多个标签：没有单一类别</translation>
    </message>
    <message>
        <source>class = y</source>
        <translation>类别 = y</translation>
    </message>
    <message>
        <source>probability targets [1 − y, y]</source>
        <translation>概率目标 [1 − y, y]</translation>
    </message>
    <message>
        <source>log-probabilities as logits (log_softmax leaves them unchanged)</source>
        <translation>把对数概率当作 logits（log_softmax 不会改变它们）</translation>
    </message>
    <message>
        <source>needs class indices; the targets are probabilities</source>
        <translation>需要类别索引；目标是概率</translation>
    </message>
    <message>
        <source>probability targets</source>
        <translation>概率目标</translation>
    </message>
    <message>
        <source>an ignored target has no one-hot row</source>
        <translation>被忽略的目标没有 one-hot 行</translation>
    </message>
    <message>
        <source>CE on one-hot probabilities</source>
        <translation>CE 作用于 one-hot 概率</translation>
    </message>
    <message>
        <source>CE, smoothing 0.1</source>
        <translation>CE，平滑 0.1</translation>
    </message>
    <message>
        <source>the target probabilities</source>
        <translation>目标概率</translation>
    </message>
    <message>
        <source>one-hot targets</source>
        <translation>one-hot 目标</translation>
    </message>
    <message>
        <source>KLDiv vs the targets</source>
        <translation>KLDiv 对比目标</translation>
    </message>
    <message>
        <source>KLDiv vs one-hot</source>
        <translation>KLDiv 对比 one-hot</translation>
    </message>
    <message>
        <source>counts the ignore_index targets too</source>
        <translation>ignore_index 的目标也被计入</translation>
    </message>
    <message>
        <source>the targets</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>BCE per class ({targets})</source>
        <translation>逐类别 BCE（{targets}）</translation>
    </message>
    <message>
        <source>focal per class ({targets})</source>
        <translation>逐类别 focal（{targets}）</translation>
    </message>
    <message>
        <source>focal γ={gamma} (α off)</source>
        <translation>focal γ={gamma}（关闭 α）</translation>
    </message>
    <message>
        <source>{loss} (target 0)</source>
        <translation>{loss}（目标 0）</translation>
    </message>
    <message>
        <source>Focal loss paper: BCE vs focal γ = 0, 0.5, 1, 2, 5 (y = 1)</source>
        <extracomment>Named sets of entries offered in compare mode (names shown through ``translate(&quot;compare&quot;, name)``).</extracomment>
        <translation>Focal loss 论文：BCE 对比 focal γ = 0, 0.5, 1, 2, 5（y = 1）</translation>
    </message>
    <message>
        <source>Regression: L1, MSE, SmoothL1, Huber, LogCosh</source>
        <translation>回归：L1、MSE、SmoothL1、Huber、LogCosh</translation>
    </message>
    <message>
        <source>Margins: BCE, SoftMargin, SquaredHinge, MarginRanking (y = 1)</source>
        <translation>间隔：BCE、SoftMargin、SquaredHinge、MarginRanking（y = 1）</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>No curves yet: load a preset or add the current loss.</source>
        <translation>还没有曲线：载入一个预设，或添加当前损失函数。</translation>
    </message>
    <message>
        <source>z (logit)</source>
        <translation>z（logit）</translation>
    </message>
    <message>
        <source>x (input)</source>
        <translation>x（输入）</translation>
    </message>
    <message>
        <source>ℓ per element</source>
        <translation>逐元素 ℓ</translation>
    </message>
    <message>
        <source>Numerics at y={target}: BCELoss vs BCEWithLogitsLoss</source>
        <translation>y={target} 时的数值表现：BCELoss 对比 BCEWithLogitsLoss</translation>
    </message>
    <message>
        <source>BCELoss clamps its logs at -100, so ℓ ≤ 100</source>
        <translation>BCELoss 把 log 截断在 -100，所以 ℓ ≤ 100</translation>
    </message>
    <message>
        <source>float32 σ(z) is exactly 1 above z≈17 and 0 below z≈-88</source>
        <translation>float32 的 σ(z) 在 z≈17 以上恰为 1，在 z≈-88 以下恰为 0</translation>
    </message>
    <message>
        <source>BCELoss&apos;s backward clamps x(1-x) at 1e-12: ∂ℓ/∂z → 0 below z≈-28</source>
        <translation>BCELoss 的反向传播把 x(1-x) 截断在 1e-12：z≈-28 以下 ∂ℓ/∂z → 0</translation>
    </message>
    <message>
        <source>{loss} (session)</source>
        <translation>{loss}（当前会话）</translation>
    </message>
    <message>
        <source>reduction=&apos;{reduction}&apos; here (the session&apos;s is &apos;none&apos;)</source>
        <translation>此处为 reduction=&apos;{reduction}&apos;（会话中为 &apos;none&apos;）</translation>
    </message>
    <message>
        <source>predictions and targets</source>
        <translation>预测值与目标</translation>
    </message>
    <message>
        <source>this loss only (no related losses to compare)</source>
        <translation>仅此损失函数（没有可比较的相关损失函数）</translation>
    </message>
    <message>
        <source>probabilities</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>{inputs} with 0/1 targets</source>
        <translation>{inputs}，0/1 目标</translation>
    </message>
    <message>
        <source>{inputs} with soft targets</source>
        <translation>{inputs}，软目标</translation>
    </message>
    <message>
        <source>log-probabilities</source>
        <translation>对数概率</translation>
    </message>
    <message>
        <source>{inputs} with class labels</source>
        <translation>{inputs}，类别标签</translation>
    </message>
    <message>
        <source>{inputs} with probability targets</source>
        <translation>{inputs}，概率目标</translation>
    </message>
</context>
<context>
    <name>diagnostics</name>
    <message>
        <source>Use as probabilities (raw mode)</source>
        <extracomment>Losses that apply a (log-)softmax to their first tensor themselves.</extracomment>
        <translation>作为概率使用（raw 模式）</translation>
    </message>
    <message>
        <source>{loss} gets the grid as it is, without the sigmoid.</source>
        <translation>{loss} 直接接收表格中的值，不经过 sigmoid。</translation>
    </message>
    <message>
        <source>logits mode applies a sigmoid to them first</source>
        <translation>logits 模式会先对它们做 sigmoid</translation>
    </message>
    <message>
        <source>Use BCELoss on these probabilities</source>
        <translation>对这些概率使用 BCELoss</translation>
    </message>
    <message>
        <source>Switch to BCELoss with input mode raw (no sigmoid).</source>
        <translation>切换到 BCELoss，输入模式为 raw（不做 sigmoid）。</translation>
    </message>
    <message>
        <source>{loss} applies a sigmoid to them itself</source>
        <translation>{loss} 自身会对它们做 sigmoid</translation>
    </message>
    <message>
        <source>The inputs look like probabilities, but they are used as logits</source>
        <translation>输入看起来是概率，却被当作 logits 使用</translation>
    </message>
    <message>
        <source>Every value lies in [0, 1] and {where}: 0.8 becomes σ(0.8) = 0.69, so confident predictions look unsure and the loss cannot get small.</source>
        <translation>每个值都在 [0, 1] 内，而{where}：0.8 会变成 σ(0.8) = 0.69，于是有把握的预测显得不确定，损失也无法变小。</translation>
    </message>
    <message>
        <source>Apply σ first (logits mode)</source>
        <translation>先做 σ（logits 模式）</translation>
    </message>
    <message>
        <source>The grid holds logits; lossgui passes σ(z) to the loss.</source>
        <translation>表格中是 logits；lossgui 把 σ(z) 传给损失函数。</translation>
    </message>
    <message>
        <source>Use BCEWithLogitsLoss</source>
        <translation>使用 BCEWithLogitsLoss</translation>
    </message>
    <message>
        <source>The stable loss for logits (sigmoid built in).</source>
        <translation>面向 logits 的数值稳定的损失函数（内置 sigmoid）。</translation>
    </message>
    <message>
        <source>Logits fed to {loss}</source>
        <translation>把 logits 传给了 {loss}</translation>
    </message>
    <message>
        <source>{loss} wants probabilities in [0, 1], but the grid holds values such as {value}; torch raises &apos;all elements of input should be between 0 and 1&apos;.</source>
        <translation>{loss} 需要 [0, 1] 内的概率，但表格中有 {value} 这样的值；torch 会报错 &apos;all elements of input should be between 0 and 1&apos;。</translation>
    </message>
    <message>
        <source>Softmax applied twice: the rows already sum to 1</source>
        <translation>softmax 做了两次：各行之和已经是 1</translation>
    </message>
    <message>
        <source>Each row of the input is a probability distribution, and {loss} applies (log-)softmax again: probabilities in [0, 1] make a flat softmax, so the loss stays high and the gradient small.</source>
        <translation>输入的每一行已是一个概率分布，而 {loss} 又做了一次 (log-)softmax：[0, 1] 内的概率给出很平坦的 softmax，于是损失居高不下，梯度很小。</translation>
    </message>
    <message>
        <source>Use log(p) as the logits</source>
        <translation>用 log(p) 作为 logits</translation>
    </message>
    <message>
        <source>Replace each p by log(p) (softmax(log p) = p), so the loss sees the distribution once.</source>
        <translation>把每个 p 换成 log(p)（softmax(log p) = p），这样损失函数只会看到一次该分布。</translation>
    </message>
    <message>
        <source>These are log-probabilities: NLLLoss takes them as they are</source>
        <translation>这些是对数概率：NLLLoss 可以直接接收</translation>
    </message>
    <message>
        <source>exp of each row sums to 1, so the rows are log_softmax outputs. CrossEntropyLoss applies log_softmax again, which leaves them unchanged (same value), but NLLLoss(log_probs, target) says what is meant.</source>
        <translation>每行取 exp 后之和为 1，所以各行是 log_softmax 的输出。CrossEntropyLoss 会再做一次 log_softmax，这不会改变它们（值相同），但 NLLLoss(log_probs, target) 更能表达本意。</translation>
    </message>
    <message>
        <source>Use NLLLoss (input mode raw)</source>
        <translation>使用 NLLLoss（输入模式 raw）</translation>
    </message>
    <message>
        <source>Same numbers and value, with the loss that expects log-probabilities.</source>
        <translation>数值和损失值不变，换用接收对数概率的损失函数。</translation>
    </message>
    <message>
        <source>NaN or inf in the tensors</source>
        <translation>张量中有 NaN 或 inf</translation>
    </message>
    <message>
        <source>Non-finite values in {tensors}: torch propagates NaN into the loss and the gradient (some losses swallow it, which hides it).</source>
        <translation>{tensors} 中有非有限值：torch 会把 NaN 传播到损失和梯度中（有些损失函数会吞掉它，从而把问题掩盖）。</translation>
    </message>
    <message>
        <source>Replace NaN by 0 and ±inf by ±100</source>
        <translation>把 NaN 替换为 0，±inf 替换为 ±100</translation>
    </message>
    <message>
        <source>Every float tensor gets finite values.</source>
        <translation>每个浮点张量都只含有限值。</translation>
    </message>
    <message>
        <source>Clip to the {dtype} range</source>
        <translation>截断到 {dtype} 的范围</translation>
    </message>
    <message>
        <source>Every value beyond ±{top} becomes ±{top}, the largest {dtype}.</source>
        <translation>超出 ±{top} 的值都变为 ±{top}，即 {dtype} 的最大值。</translation>
    </message>
    <message>
        <source>{cell} = {value} overflows {dtype} to {inf}</source>
        <translation>{cell} = {value} 在 {dtype} 中上溢为 {inf}</translation>
    </message>
    <message>
        <source>Values beyond ±{top} do not fit {dtype}, in {tensors}: torch.tensor(..., dtype=torch.{dtype}) makes them ±inf, so the loss and the gradient can become inf or nan although the cells show a number.</source>
        <translation>{tensors} 中有超出 ±{top} 的值，{dtype} 无法表示：torch.tensor(..., dtype=torch.{dtype}) 会把它们变成 ±inf，因此尽管单元格显示的是数字，损失和梯度仍可能变为 inf 或 nan。</translation>
    </message>
    <message>
        <source>Use float64</source>
        <translation>使用 float64</translation>
    </message>
    <message>
        <source>Evaluate in float64, where these values are finite.</source>
        <translation>用 float64 计算，这些值在其中是有限的。</translation>
    </message>
    <message>
        <source>{loss} wants one 0/1 target per logit, but the target holds class indices ({shown}).</source>
        <extracomment>Growing the grid to fit a label is offered up to this many classes.</extracomment>
        <translation>{loss} 需要每个 logit 对应一个 0/1 目标，但目标中是类别索引（{shown}）。</translation>
    </message>
    <message>
        <source>One-hot rows need every index in 0…{last} (C = {classes}); {outside} has no column: F.one_hot(target, num_classes={classes}) raises {why}</source>
        <translation>one-hot 行要求每个索引都在 0…{last} 内（C = {classes}）；{outside} 没有对应的列：F.one_hot(target, num_classes={classes}) 会报错 {why}</translation>
    </message>
    <message>
        <source>One-hot them: class k becomes a row with a 1 in column k.</source>
        <translation>把它们转成 one-hot：类别 k 变成第 k 列为 1 的一行。</translation>
    </message>
    <message>
        <source>One-hot the target</source>
        <translation>把目标转成 one-hot</translation>
    </message>
    <message>
        <source>Each class index becomes a one-hot row.</source>
        <translation>每个类别索引变成一个 one-hot 行。</translation>
    </message>
    <message>
        <source>Correct the index, or add classes up to it.</source>
        <translation>请修正该索引，或把类别增加到它为止。</translation>
    </message>
    <message>
        <source>Add classes up to {top} (C = {classes}), then one-hot</source>
        <translation>把类别增加到 {top}（C = {classes}），再转成 one-hot</translation>
    </message>
    <message>
        <source>Grow the logits to one column per class (new logits are 0); each class index becomes a one-hot row.</source>
        <translation>把 logits 扩展为每个类别一列（新的 logits 为 0）；每个类别索引变成一个 one-hot 行。</translation>
    </message>
    <message>
        <source>Correct the index to offer the one-hot fix.</source>
        <translation>修正该索引后即可使用 one-hot 修正。</translation>
    </message>
    <message>
        <source>Class indices fed to {loss}</source>
        <translation>把类别索引传给了 {loss}</translation>
    </message>
    <message>
        <source>Add classes up to {top} (C = {classes})</source>
        <translation>把类别增加到 {top}（C = {classes}）</translation>
    </message>
    <message>
        <source>Grow the logits to one column per class; new logits are 0.</source>
        <translation>把 logits 扩展为每个类别一列；新的 logits 为 0。</translation>
    </message>
    <message>
        <source>Ignore label {value} (ignore_index = {value})</source>
        <translation>忽略标签 {value}（ignore_index = {value}）</translation>
    </message>
    <message>
        <source>Samples labelled {value} are skipped, as -1 means elsewhere.</source>
        <translation>标签为 {value} 的样本被跳过，与 -1 在其他地方的含义一样。</translation>
    </message>
    <message>
        <source>Class labels outside 0…{last}</source>
        <translation>类别标签超出 0…{last}</translation>
    </message>
    <message>
        <source>The target holds {labels} but the logits have C = {classes} columns; torch raises IndexError: Target {first} is out of bounds.</source>
        <translation>目标中有 {labels}，但 logits 只有 C = {classes} 列；torch 会报错 IndexError: Target {first} is out of bounds.</translation>
    </message>
    <message>
        <source>ignore_index = {ignore} is also class {ignore}</source>
        <translation>ignore_index = {ignore} 同时也是类别 {ignore}</translation>
    </message>
    <message>
        <source>{count} sample(s) labelled {ignore} are silently left out of the loss, its gradient and the mean&apos;s divisor. The default, -100, matches no class.</source>
        <translation>{count} 个标签为 {ignore} 的样本被悄悄排除在损失、梯度和平均值的除数之外。默认值 -100 不对应任何类别。</translation>
    </message>
    <message>
        <source>Reset ignore_index to -100</source>
        <translation>把 ignore_index 重置为 -100</translation>
    </message>
    <message>
        <source>No class is ignored.</source>
        <translation>不忽略任何类别。</translation>
    </message>
    <message>
        <source>{name} has {size} values for C = {classes} classes</source>
        <translation>{name} 有 {size} 个值，而类别数 C = {classes}</translation>
    </message>
    <message>
        <source>torch lines {name} up with the last dimension (the classes), not the samples: {size} values cannot scale {classes} classes.</source>
        <translation>torch 把 {name} 与最后一个维度（类别）对齐，而不是与样本对齐：{size} 个值无法缩放 {classes} 个类别。</translation>
    </message>
    <message>
        <source>Reset {name} to {classes} ones</source>
        <translation>把 {name} 重置为 {classes} 个 1</translation>
    </message>
    <message>
        <source>One value per class.</source>
        <translation>每个类别一个值。</translation>
    </message>
    <message>
        <source>Apply it per sample (rows)</source>
        <translation>按样本（行）应用</translation>
    </message>
    <message>
        <source>{name}[n] scales row n.</source>
        <translation>{name}[n] 缩放第 n 行。</translation>
    </message>
    <message>
        <source>Keep it per class (columns)</source>
        <translation>保持按类别（列）</translation>
    </message>
    <message>
        <source>{name}[c] scales column c.</source>
        <translation>{name}[c] 缩放第 c 列。</translation>
    </message>
    <message>
        <source>A 1-D {name} scales the columns (classes), not the rows (samples): torch broadcasts from the last dimension. A per-sample weight needs shape ({rows}, 1).</source>
        <translation>一维的 {name} 缩放的是列（类别），而不是行（样本）：torch 从最后一个维度开始广播。逐样本的权重需要形状 ({rows}, 1)。</translation>
    </message>
    <message>
        <source>A 1-D {name} does not broadcast against the rows: torch raises a size error. A per-sample weight needs shape ({rows}, 1).</source>
        <translation>一维的 {name} 无法沿行广播：torch 会报大小错误。逐样本的权重需要形状 ({rows}, 1)。</translation>
    </message>
    <message>
        <source>{name} of shape ({size},) against input {shape}</source>
        <translation>形状为 ({size},) 的 {name} 对应形状为 {shape} 的输入</translation>
    </message>
</context>
<context>
    <name>receipt</name>
    <message>
        <source>reduction=&apos;none&apos; returns every element; {sum}</source>
        <translation>reduction=&apos;none&apos; 返回每个元素；{sum}</translation>
    </message>
    <message>
        <source>reduction=&apos;sum&apos;: {sum}</source>
        <translation>reduction=&apos;sum&apos;：{sum}</translation>
    </message>
    <message>
        <source>sum of weighted losses</source>
        <translation>加权损失之和</translation>
    </message>
    <message>
        <source>sum of losses</source>
        <translation>损失之和</translation>
    </message>
    <message>
        <source>= batch size, input.size(0)</source>
        <translation>= 批大小，input.size(0)</translation>
    </message>
    <message>
        <source>Σ w[y] over non-ignored rows</source>
        <translation>未被忽略的行的 Σ w[y]</translation>
    </message>
    <message>
        <source>non-ignored rows</source>
        <translation>个未被忽略的行</translation>
    </message>
    <message>
        <source>element</source>
        <translation>个元素</translation>
    </message>
    <message>
        <source>elements</source>
        <translation>个元素</translation>
    </message>
    <message>
        <source>Σ weight</source>
        <translation>Σ weight</translation>
    </message>
    <message>
        <source>(the loss&apos;s divisor)</source>
        <translation>（损失函数的除数）</translation>
    </message>
    <message>
        <source>sequence</source>
        <extracomment>From this many grid elements on, :func:`evaluate` tries row blocks.</extracomment>
        <translation>个序列</translation>
    </message>
    <message>
        <source>sequences</source>
        <translation>个序列</translation>
    </message>
</context>
<context>
    <name>session</name>
    <message>
        <source>no probabilities for this loss</source>
        <translation>该损失函数没有概率</translation>
    </message>
    <message>
        <source>torch raises: {error}</source>
        <translation>torch 报错：{error}</translation>
    </message>
    <message>
        <source>The printed numbers are the activation of the target {labels}, not of &apos;{first}&apos;: a slip in the article.</source>
        <translation>打印的数值是目标 {labels} 的激活值，而不是 &apos;{first}&apos; 的：文章中的笔误。</translation>
    </message>
    <message>
        <source>the article printed {printed} numbers, this batch has {batch}</source>
        <translation>文章打印了 {printed} 个数值，这个批次有 {batch} 个</translation>
    </message>
    <message>
        <source>Equal within {dtype}&apos;s resolution; the last digits differ with the order of the rounding steps.</source>
        <translation>在 {dtype} 的精度内相等；最后几位随舍入步骤的顺序而不同。</translation>
    </message>
    <message>
        <source>Differs by up to {largest}: these inputs give the computed value (Tools &gt; Verify with PyTorch checks it against torch).</source>
        <translation>最多相差 {largest}：这些输入得到的是计算出的值（工具 &gt; 用 PyTorch 验证 会与 torch 核对）。</translation>
    </message>
    <message>
        <source>Article {number}</source>
        <translation>文章 {number}</translation>
    </message>
    <message>
        <source>{article} wrote {printed} for {what}: a slip, see the Example tab</source>
        <translation>{article} 对 {what} 写的是 {printed}：笔误，见“示例”页</translation>
    </message>
    <message>
        <source>{article} printed {printed} for {what}: a slip, see the Example tab</source>
        <translation>{article} 对 {what} 打印的是 {printed}：笔误，见“示例”页</translation>
    </message>
    <message>
        <source>{article} printed {printed} {mark}</source>
        <translation>{article} 打印了 {printed} {mark}</translation>
    </message>
    <message>
        <source>nats</source>
        <extracomment>Words in a formula that make the loss a log-likelihood (natural log: nats).</extracomment>
        <translation>奈特</translation>
    </message>
    <message>
        <source>log-odds</source>
        <translation>对数几率</translation>
    </message>
    <message>
        <source>logit</source>
        <translation>logit</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>log-probability</source>
        <translation>对数概率</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>对数尺度</translation>
    </message>
    <message>
        <source>target units</source>
        <translation>目标的单位</translation>
    </message>
    <message>
        <source>score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>input units</source>
        <translation>输入的单位</translation>
    </message>
    <message>
        <source>per element</source>
        <extracomment>The hardest elements always marked (one per hardest row). Grid elements of the rows whose markers are computed (their gradient takes one engine call on those rows): above it, fewer rows are marked. Grid elements of one sweep call (curves x points x row width): wide rows (1,000 classes) get fewer points, never fewer than MIN_POINTS.</extracomment>
        <translation>逐元素</translation>
    </message>
    <message>
        <source>{unit} per unit {symbol}</source>
        <translation>{unit} / 单位 {symbol}</translation>
    </message>
    <message>
        <source>every element</source>
        <translation>每个元素</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>per sample</source>
        <translation>逐样本</translation>
    </message>
    <message>
        <source>for the batch</source>
        <translation>整个批次</translation>
    </message>
    <message>
        <source>{marked} of {total} elements marked (sampled)</source>
        <translation>标记了 {total} 个元素中的 {marked} 个（抽样）</translation>
    </message>
    <message>
        <source>one loss for the whole batch: each curve moves one element</source>
        <translation>整个批次只有一个损失：每条曲线移动一个元素</translation>
    </message>
    <message>
        <source>curves of row {row}; grey markers sit on their rows&apos; curves</source>
        <translation>第 {row} 行的曲线；灰色标记位于各自所在行的曲线上</translation>
    </message>
    <message>
        <source>{drawn} of {total} curves drawn; grey markers: others</source>
        <translation>绘制了 {total} 条曲线中的 {drawn} 条；灰色标记：其余的</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>未命名</translation>
    </message>
    <message>
        <source>Session: {name}</source>
        <translation>会话：{name}</translation>
    </message>
    <message>
        <source>Example: {title}</source>
        <translation>示例：{title}</translation>
    </message>
    <message>
        <source>Untitled session</source>
        <translation>未命名会话</translation>
    </message>
    <message>
        <source>Not saved to a file yet (File &gt; Save)</source>
        <translation>尚未保存到文件（文件 &gt; 保存）</translation>
    </message>
    <message>
        <source>Random logits</source>
        <translation>随机 logits</translation>
    </message>
    <message>
        <source>Random inputs</source>
        <translation>随机输入</translation>
    </message>
    <message>
        <source>Replace the logits of &apos;{name}&apos; with seeded random numbers (Ctrl+R; undo with Ctrl+Z).</source>
        <translation>用固定种子的随机数替换 &apos;{name}&apos; 的 logits（Ctrl+R；按 Ctrl+Z 撤销）。</translation>
    </message>
    <message>
        <source>Replace the values of &apos;{name}&apos; with seeded random numbers (Ctrl+R; undo with Ctrl+Z).</source>
        <translation>用固定种子的随机数替换 &apos;{name}&apos; 的值（Ctrl+R；按 Ctrl+Z 撤销）。</translation>
    </message>
    <message>
        <source>The batch has one row: a tensor keeps at least one row (insert a row first, or edit this one).</source>
        <translation>批次只有一行：张量至少保留一行（请先插入一行，或编辑这一行）。</translation>
    </message>
    <message>
        <source>The grid has one column: a tensor keeps at least one column (insert a column first, or edit this one).</source>
        <translation>表格只有一列：张量至少保留一列（请先插入一列，或编辑这一列）。</translation>
    </message>
    <message>
        <source>the pasted block ({block}) does not fit {name} ({table})</source>
        <extracomment>Roles whose table cannot get more rows, and those that cannot get more columns.</extracomment>
        <translation>粘贴的区块（{block}）放不进 {name}（{table}）</translation>
    </message>
    <message>
        <source>no gradient: {error}</source>
        <translation>没有梯度：{error}</translation>
    </message>
    <message>
        <source>{name} holds class indices; it has no gradient</source>
        <translation>{name} 存放的是类别索引；它没有梯度</translation>
    </message>
    <message>
        <source>{loss} gives one value for the whole batch; a grid of {size} elements is too large to sweep point by point</source>
        <extracomment>Grid size above which a point-by-point sweep is refused (too slow to be live). Work budget (points x grid elements) of a point-by-point sweep. Most points of a point-by-point sweep (one engine call each). Fewest points of a point-by-point sweep worth drawing. Seconds a point-by-point sweep may take (all its curves): a slow loss (CTC over a thousand time steps) gets fewer points, or none. Grids up to this size are swept without timing (always fast enough). Sweeps kept for reuse (a few views&apos; worth).</extracomment>
        <translation>{loss} 对整个批次只给出一个值；{size} 个元素的表格太大，无法逐点扫描</translation>
    </message>
    <message>
        <source>torch raises the same error: {error}</source>
        <translation>torch 报出同样的错误：{error}</translation>
    </message>
    <message>
        <source>no error</source>
        <translation>无错误</translation>
    </message>
    <message>
        <source>Mismatch: torch says {torch}; lossgui says {lossgui}</source>
        <translation>不一致：torch 给出 {torch}；lossgui 给出 {lossgui}</translation>
    </message>
    <message>
        <source>torch agrees with lossgui: largest difference {value} in the value, {grad} in the gradient</source>
        <translation>torch 与 lossgui 一致：值的最大差异为 {value}，梯度的最大差异为 {grad}</translation>
    </message>
    <message>
        <source>torch DIFFERS from lossgui: largest difference {value} in the value, {grad} in the gradient</source>
        <translation>torch 与 lossgui 不一致：值的最大差异为 {value}，梯度的最大差异为 {grad}</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>无</translation>
    </message>
    <message>
        <source>{value} is not an integer ({name} takes integers)</source>
        <translation>{value} 不是整数（{name} 只接受整数）</translation>
    </message>
    <message>
        <source>{value} is below {name}&apos;s minimum {limit}</source>
        <translation>{value} 低于 {name} 的最小值 {limit}</translation>
    </message>
    <message>
        <source>{value} is above {name}&apos;s maximum {limit}</source>
        <translation>{value} 高于 {name} 的最大值 {limit}</translation>
    </message>
    <message>
        <source>{value} is no class of this {classes}-class problem</source>
        <translation>{value} 不是这个 {classes} 类问题中的类别</translation>
    </message>
    <message>
        <source>no values given</source>
        <translation>没有给出任何值</translation>
    </message>
    <message>
        <source>{value} is given twice</source>
        <translation>{value} 给出了两次</translation>
    </message>
    <message>
        <source>none: the per-sequence loss_b</source>
        <extracomment>Where a reduction clause starts inside a registry formula line. Bracket groups up to this many characters are kept on one line.</extracomment>
        <translation>none：逐序列的 loss_b</translation>
    </message>
    <message>
        <source>none: the per-sample l_n</source>
        <translation>none：逐样本的 l_n</translation>
    </message>
    <message>
        <source>none: the per-element l</source>
        <translation>none：逐元素的 l</translation>
    </message>
    <message>
        <source>batchmean = Σ l / N   (N = input.size(0), the batch size)</source>
        <translation>batchmean = Σ l / N   (N = input.size(0)，即批大小)</translation>
    </message>
    <message>
        <source>   (n with y_n ≠ ignore_index)</source>
        <translation>   (y_n ≠ ignore_index 的 n)</translation>
    </message>
    <message>
        <source>mean = Σ_n l_n / (number of n with y_n ≠ ignore_index)</source>
        <translation>mean = Σ_n l_n / (y_n ≠ ignore_index 的 n 的个数)</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; holds {dtype} values; lossgui needs numbers</source>
        <translation>&apos;{name}&apos; 中是 {dtype} 类型的值；lossgui 需要数值</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; is empty (shape {shape})</source>
        <translation>&apos;{name}&apos; 为空（形状 {shape}）</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; has {ndim} dimensions {shape}; lossgui&apos;s grids hold (N,) or (N, C): reshape it first</source>
        <translation>&apos;{name}&apos; 有 {ndim} 个维度 {shape}；lossgui 的表格只能容纳 (N,) 或 (N, C)：请先 reshape</translation>
    </message>
    <message>
        <source>every value of &apos;{name}&apos; is NaN: the file holds no usable numbers</source>
        <translation>&apos;{name}&apos; 的每个值都是 NaN：文件中没有可用的数值</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; must hold whole class indices (integers); value {value} at {where} is not</source>
        <translation>&apos;{name}&apos; 必须是整数类别索引；位于 {where} 的值 {value} 不是</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; holds class indices beyond 64 bits</source>
        <translation>&apos;{name}&apos; 中的类别索引超出了 64 位</translation>
    </message>
    <message>
        <source>one value per sample</source>
        <translation>每个样本一个值</translation>
    </message>
    <message>
        <source>one value per class</source>
        <translation>每个类别一个值</translation>
    </message>
    <message>
        <source>the shape of the first tensor</source>
        <translation>第一个张量的形状</translation>
    </message>
    <message>
        <source>one label sequence</source>
        <translation>一个标签序列</translation>
    </message>
    <message>
        <source>one number</source>
        <translation>一个数</translation>
    </message>
    <message>
        <source>a linear layer&apos;s weight (K outputs, one column per grid column)</source>
        <translation>线性层的权重（K 个输出，表格每列对应一列）</translation>
    </message>
    <message>
        <source>one value per output of the linear layer</source>
        <translation>线性层每个输出一个值</translation>
    </message>
    <message>
        <source>one value per sample and output of the linear layer</source>
        <translation>每个样本、线性层每个输出一个值</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; has shape {shape}, but it needs {needed} ({what})</source>
        <translation>&apos;{name}&apos; 的形状是 {shape}，但需要 {needed}（{what}）</translation>
    </message>
    <message>
        <source>&apos;{name}&apos; of {loss} must be 2-D (N samples, C classes); got a vector of {size} values</source>
        <translation>{loss} 的 &apos;{name}&apos; 必须是二维的（N 个样本，C 个类别）；得到的是含 {size} 个值的向量</translation>
    </message>
    <message>
        <source>{loss} has no tensor &apos;{name}&apos; (it has: {known})</source>
        <translation>{loss} 没有张量 &apos;{name}&apos;（它有：{known}）</translation>
    </message>
    <message>
        <source>unknown loss &apos;{loss}&apos;</source>
        <translation>未知的损失函数 &apos;{loss}&apos;</translation>
    </message>
    <message>
        <source>{loss} needs &apos;{first}&apos; (the first tensor)</source>
        <translation>{loss} 需要 &apos;{first}&apos;（第一个张量）</translation>
    </message>
    <message>
        <source>class indices</source>
        <extracomment>The target mode of a binary loss whose target still holds the class indices it was switched with (:func:`lossgui.session.convert.switch_loss`): one index per row, as the user had them, which torch refuses with its size error. Slot hints: English data (tested for &quot;-1&quot;), shown through translate(&quot;session&quot;, hint).</extracomment>
        <translation>类别索引</translation>
    </message>
    <message>
        <source>class labels, -1 ends the list</source>
        <translation>类别标签，-1 表示列表结束</translation>
    </message>
    <message>
        <source>length</source>
        <translation>长度</translation>
    </message>
    <message>
        <source>label sequence</source>
        <translation>标签序列</translation>
    </message>
</context>
</TS>
