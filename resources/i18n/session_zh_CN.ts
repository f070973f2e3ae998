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
        <source>{marked} of {total} elements marked (even subsample)</source>
        <translation>标记了 {total} 个元素中的 {marked} 个（均匀抽样）</translation>
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
        <extracomment>Grid size above which a point-by-point sweep is refused (too slow to be live). Work budget (points x grid elements) of a point-by-point sweep. Most points of a point-by-point sweep (one engine call each).</extracomment>
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
</context>
</TS>
